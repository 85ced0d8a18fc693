package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CSV imports end to end: uploads over HTTP (body and form), jobs in the background, the register's
 * content afterwards, the error CSV, the uploader's email through a real SMTP server, revert, office scope,
 * encodings, limits and the console.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ImportIT extends MailTestSupport {

    static final String HEADER = "Client Type,Client ID,Name,Email Address,SSN/EIN,Date of Birth,Country Code,"
            + "Mobile Number,Office Location,Spouse Name,Spouse Email Address,Spouse SSN,Spouse Date of Birth,"
            + "Spouse Country Code,Spouse Mobile Number,Spouse Signs First";

    @Override
    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/atrium.importer.cfg", "max.file.mb", "4"));
        return options.toArray(Option[]::new);
    }

    @Before
    public void officesAndEmails() {
        if (get("/offices").body().indexOf("\"number\":2") < 0) {
            assertEquals(201, post("/offices", "{\"number\":2,\"name\":\"Uptown\"}").status());
        }
        assertEquals(200, put("/users/admin", "{\"offices\":[],\"email\":\"admin-" + run + "@firm.example\"}").status());
        assertEquals(200, put("/users/staff", "{\"offices\":[2],\"email\":\"staff-" + run + "@firm.example\"}")
                .status());
    }

    // --- helpers

    /**
     * The round trip the README recommends for bulk edits: export, change a cell, import. The masked SSNs of the
     * export keep the stored ones, a client ID the export protected against formulas comes back as itself, and
     * a check says how many stored SSNs a file with empty SSN cells would erase.
     */
    @Test
    public void anExportEditedAndImportedKeepsTheStoredTaxIds() {
        String clientId = "-R" + run;
        String ssn = TestSsns.random();
        String spouseSsn = TestSsns.random();
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":"
                + "\"Round Trip\",\"email\":\"r" + run + "@example.com\",\"taxId\":\"" + ssn + "\",\"officeLocation\":1,"
                + "\"spouse\":{\"name\":\"Round Spouse\",\"email\":\"rs" + run + "@example.com\",\"taxId\":\"" + spouseSsn
                + "\"}}").status());
        Reply exported = get("/exports/clients.csv?q=r" + run + "@example.com&columns=type,clientId,name,email,taxId,"
                + "dateOfBirth,countryCode,mobileNumber,officeLocation,spouse.name,spouse.email,spouse.taxId,"
                + "spouse.dateOfBirth,spouse.countryCode,spouse.mobileNumber,spouseSignsFirst");
        assertEquals(exported.body(), 200, exported.status());
        assertTrue(exported.body(), exported.body().contains("'" + clientId) && exported.body().contains("XXX-XX-"));

        String edited = exported.body().replace("Round Trip", "Round Trip Edited");
        JsonNode check = finished(upload("admin", "admin", "?dryRun=true", "text/csv",
                edited.getBytes(StandardCharsets.UTF_8)));
        assertEquals(check.toString(), "SUCCEEDED", check.get("state").asText());
        assertEquals(1, check.get("updated").asInt());
        assertEquals(0, check.get("taxIdsCleared").asInt());
        JsonNode applied = finished(upload(edited));
        assertEquals(applied.toString(), "SUCCEEDED", applied.get("state").asText());
        assertEquals("Round Trip Edited", get("/clients/" + clientId).json().get("name").asText());
        JsonNode taxIds = get("/clients/" + clientId + "/tax-id").json();
        assertEquals(taxIds.toString(), ssn, taxIds.get("taxId").asText().replace("-", ""));
        assertEquals(taxIds.toString(), spouseSsn, taxIds.get("spouseTaxId").asText().replace("-", ""));

        String blanked = edited.replaceFirst("XXX-XX-" + ssn.substring(5), "");
        JsonNode wouldClear = finished(upload("admin", "admin", "?dryRun=true", "text/csv",
                blanked.getBytes(StandardCharsets.UTF_8)));
        assertEquals("a check says what an empty SSN cell would erase", 1, wouldClear.get("taxIdsCleared").asInt());
        String notTheStoredOne = edited.replaceFirst("XXX-XX-" + ssn.substring(5), "XXX-XX-" + (ssn.endsWith("0001")
                ? "0002" : "0001"));
        JsonNode refused = finished(upload("admin", "admin", "?dryRun=true", "text/csv",
                notTheStoredOne.getBytes(StandardCharsets.UTF_8)));
        assertEquals(refused.toString(), "FAILED", refused.get("state").asText());
    }

    private static String row(String type, String clientId, String name, String email, String office) {
        return type + "," + clientId + "," + name + "," + email + ",,,,," + office + ",,,,,,,";
    }

    private static String file(String... rows) {
        return HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    private Reply upload(String user, String password, String query, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/imports" + query))
                .header("Authorization", basic(user, password)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Reply upload(String csv) {
        return upload("admin", "admin", "", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for the job behind a 202 answer to finish, and returns it. */
    private JsonNode finished(Reply accepted, String user, String password) {
        assertEquals(accepted.body(), 202, accepted.status());
        assertTrue(accepted.location(), accepted.location().endsWith("/api/v1/imports/" + accepted.json().get("id")
                .asText()));
        String path = "/imports/" + accepted.json().get("id").asText();
        JsonNode[] job = new JsonNode[1];
        await("import job " + path, () -> {
            job[0] = as(user, password, "GET", path, null).json();
            String state = job[0].path("state").asText(); // absent while the importer (re)starts
            return state.equals("SUCCEEDED") || state.equals("FAILED");
        });
        return job[0];
    }

    private JsonNode finished(Reply accepted) {
        return finished(accepted, "admin", "admin");
    }

    private static byte[] multipart(String boundary, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    // --- tests

    @Test
    public void theTemplateIsTheHeaderRow() {
        Reply template = get("/imports/template");

        assertEquals(200, template.status());
        assertTrue(template.contentType(), template.contentType().startsWith("text/csv"));
        assertEquals(HEADER + "\r\n", template.body());
    }

    @Test
    public void aValidFileCreatesAndUpdatesClientsAndEmailsTheUploader() throws Exception {
        assertEquals(201, post("/clients", "{\"clientId\":\"E" + run + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Old Name\","
                + "\"email\":\"old-" + run + "@example.com\",\"officeLocation\":1}").status());
        String csv = file(
                row("Individual", "E" + run, "New Name", "new-" + run + "@example.com", "1"),
                "Individual,000" + run + ",Zed Zero,zed-" + run + "@example.com,123456789,04/15/1980,1,5551234567,2,,,,,,,",
                "Individual,C" + run + ",\"Couple, Tom\",tom-" + run + "@example.com,,,,,1,Tina Couple,tina-" + run
                        + "@example.com,987654321,01/02/1982,,,Yes");

        JsonNode job = finished(upload(csv));

        assertEquals(job.toString(), "SUCCEEDED", job.get("state").asText());
        assertEquals(3, job.get("rowsTotal").asInt());
        assertEquals(2, job.get("created").asInt());
        assertEquals(1, job.get("updated").asInt());
        assertEquals("admin", job.get("submittedBy").asText());
        JsonNode zed = get("/clients/000" + run).json();
        assertEquals("leading zeros stay", "000" + run, zed.get("clientId").asText());
        assertEquals("1980-04-15", zed.get("dateOfBirth").asText());
        assertEquals("XXX-XX-6789", zed.get("taxId").asText());
        assertEquals(2, zed.get("officeLocation").asInt());
        JsonNode couple = get("/clients/C" + run).json();
        assertEquals("Couple, Tom", couple.get("name").asText());
        assertTrue(couple.get("marriedFilingJointly").asBoolean());
        assertEquals("tina-" + run + "@example.com", couple.get("spouse").get("email").asText());
        assertTrue(couple.get("spouseSignsFirst").asBoolean());
        JsonNode updated = get("/clients/E" + run).json();
        assertEquals("New Name", updated.get("name").asText());
        assertEquals("new-" + run + "@example.com", updated.get("email").asText());
        JsonNode trail = get("/audit?clientId=E" + run).json().get("items");
        assertEquals("CLIENT_UPDATED", trail.get(0).get("action").asText());
        assertEquals("import " + job.get("id").asText(), trail.get(0).get("subject").asText());

        ReceivedMail mail = ReceivedMail.parse(bundleContext, awaitMessages("admin-" + run + "@firm.example", 1).get(0));
        assertEquals("Client Import Completed Successfully", mail.subject());
        String text = mail.part("text/plain").text();
        assertTrue(text, text.contains("New clients created: 2") && text.contains("Existing clients updated: 1"));
    }

    @Test
    public void oneBadRowAmongManyWritesNothingAndEmailsTheErrorCsv() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            rows.add(row("Individual", "B" + run + "-" + i, "Bulk Person " + i, "b" + i + "-" + run + "@example.com", "1"));
        }
        rows.set(149, "Individual,B" + run + "-150,Bulk Person 150,b150-" + run + "@example.com,,13/45/1990,,,1,,,,,,,");
        rows.set(199, row("Individual", "B" + run + "-7", "Twin", "twin-" + run + "@example.com", "1"));

        JsonNode job = finished(upload(file(rows.toArray(String[]::new))));

        assertEquals(job.toString(), "FAILED", job.get("state").asText());
        assertEquals(300, job.get("rowsTotal").asInt());
        assertEquals(2, job.get("errorCount").asInt());
        assertEquals(0, job.get("created").asInt());
        assertEquals("nothing was written", 0, get("/clients?q=B" + run).json().get("total").asInt());
        Reply errors = get("/imports/" + job.get("id").asText() + "/errors");
        assertEquals(200, errors.status());
        assertTrue(errors.contentType(), errors.contentType().startsWith("text/csv"));
        List<String> lines = errors.body().replace("\uFEFF", "").lines().toList();
        assertEquals(List.of("Row,Client ID,Column,Message",
                "151,B" + run + "-150,Date of Birth,\"Date of Birth must be a real date written mm/dd/yyyy (e.g."
                        + " 04/15/1980), not '13/45/1990'.\"",
                "201,B" + run + "-7,Client ID,Client ID 'B" + run + "-7' is also on row 8: a client may appear only once"
                        + " in a file."), lines);

        ReceivedMail mail = ReceivedMail.parse(bundleContext, awaitMessages("admin-" + run + "@firm.example", 1).get(0));
        assertEquals("Client Import Failed", mail.subject());
        ReceivedMail.Part attachment = mail.part("text/csv");
        assertEquals("the error CSV is attached as is", errors.body(), attachment.text());
    }

    @Test
    public void aStaffUserCannotImportIntoAnOfficeTheyDoNotHold() {
        Reply accepted = upload("staff", STAFF_PASSWORD, "", "text/csv", file(
                row("Individual", "S" + run, "Sam Staff", "sam-" + run + "@example.com", "2"),
                row("Entity", "F" + run, "Foreign LLC", "foreign-" + run + "@example.com", "1")).getBytes(
                        StandardCharsets.UTF_8));

        JsonNode job = finished(accepted, "staff", STAFF_PASSWORD);

        assertEquals("FAILED", job.get("state").asText());
        String errors = as("staff", STAFF_PASSWORD, "GET", "/imports/" + job.get("id").asText() + "/errors", null).body();
        assertTrue(errors, errors.contains("3,F" + run + ",Office Location,office location 1 is not among the office "
                + "locations granted to user 'staff' (2)."));
        assertEquals(404, get("/clients/S" + run).status());
        assertEquals(404, get("/clients/F" + run).status());
        assertEquals("staff see only their own jobs", 404,
                as("staff", STAFF_PASSWORD, "GET", "/imports/" + finished(upload(file(row("Individual", "A" + run,
                        "Admin Job", "adminjob-" + run + "@example.com", "1")))).get("id").asText(), null).status());
    }

    @Test
    public void windows1252AndBomFilesImportAccentedNamesCorrectly() {
        String ansi = file(row("Individual", "W" + run, "José Núñez", "jose-" + run + "@example.com", "1"));
        JsonNode windows = finished(upload("admin", "admin", "", "text/csv",
                ansi.getBytes(Charset.forName("windows-1252"))));
        String bom = "\uFEFF" + file(row("Individual", "U" + run, "Zoë Ærø", "zoe-" + run + "@example.com", "1"));
        String boundary = "atrium" + run;
        JsonNode utf8 = finished(upload("admin", "admin", "", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, "clients.csv", bom.getBytes(StandardCharsets.UTF_8))));

        assertEquals(windows.toString(), "SUCCEEDED", windows.get("state").asText());
        assertEquals(utf8.toString(), "SUCCEEDED", utf8.get("state").asText());
        assertEquals("José Núñez", get("/clients/W" + run).json().get("name").asText());
        assertEquals("Zoë Ærø", get("/clients/U" + run).json().get("name").asText());
    }

    @Test
    public void aDryRunWritesNothingAndRevertUndoesAnImport() {
        assertEquals(201, post("/clients", "{\"clientId\":\"K" + run + "\",\"type\":\"ENTITY\",\"name\":\"Kept Inc\","
                + "\"email\":\"kept-" + run + "@example.com\",\"officeLocation\":1}").status());
        String csv = file(row("Entity", "K" + run, "Renamed Inc", "kept-" + run + "@example.com", "2"),
                row("Individual", "N" + run, "Nora New", "nora-" + run + "@example.com", "1"));

        JsonNode dry = finished(upload("admin", "admin", "?dryRun=true", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals("SUCCEEDED", dry.get("state").asText());
        assertTrue(dry.get("dryRun").asBoolean());
        assertEquals(1, dry.get("created").asInt());
        assertEquals(404, get("/clients/N" + run).status());
        assertEquals("Kept Inc", get("/clients/K" + run).json().get("name").asText());

        JsonNode job = finished(upload(csv));
        assertEquals("Renamed Inc", get("/clients/K" + run).json().get("name").asText());
        Reply reverted = post("/imports/" + job.get("id").asText() + "/revert", "");

        assertEquals(reverted.body(), 200, reverted.status());
        assertTrue(reverted.json().hasNonNull("revertedAt"));
        assertEquals(404, get("/clients/N" + run).status());
        JsonNode kept = get("/clients/K" + run).json();
        assertEquals("Kept Inc", kept.get("name").asText());
        assertEquals(1, kept.get("officeLocation").asInt());
        assertEquals("a second revert is refused", 409, post("/imports/" + job.get("id").asText() + "/revert", "")
                .status());
    }

    @Test
    public void aRevertIsRefusedWhenAClientChangedSince() {
        JsonNode job = finished(upload(file(row("Individual", "R" + run, "Rita Revert", "rita-" + run + "@example.com", "1"),
                row("Individual", "Q" + run, "Quinn Quiet", "quinn-" + run + "@example.com", "1"))));
        assertEquals(200, put("/clients/R" + run + "/portal-access", "{\"enabled\":false}").status());

        Reply refused = post("/imports/" + job.get("id").asText() + "/revert", "");

        assertEquals(refused.body(), 409, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertTrue(refused.body(), refused.json().get("detail").asText().contains("R" + run));
        assertEquals("nothing was reverted", 200, get("/clients/Q" + run).status());
    }

    @Test
    public void badUploadsAreRefusedWithProblems() {
        Reply tooLarge = upload("admin", "admin", "", "text/csv", new byte[4 * 1024 * 1024 + 1]);
        assertEquals(tooLarge.body(), 413, tooLarge.status());
        assertTrue(tooLarge.contentType().startsWith("application/problem+json"));
        assertTrue(tooLarge.body(), tooLarge.json().get("detail").asText().contains("larger than 4 MB"));

        Reply badFlag = upload("admin", "admin", "?dryRun=maybe", "text/csv", file().getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badFlag.status());

        JsonNode renamed = finished(upload("Type,Client ID\r\nIndividual,X" + run + "\r\n"));
        assertEquals("FAILED", renamed.get("state").asText());
        assertTrue(renamed.get("reason").asText().contains("header"));

        JsonNode unclosed = finished(upload(file("Individual,Y" + run + ",\"Never closed,y@example.com,,,,,1")));
        assertEquals("FAILED", unclosed.get("state").asText());
        assertTrue(unclosed.get("reason").asText().contains("not valid CSV"));

        assertEquals(404, get("/imports/no-such-job").status());
    }

    /**
     * Hot swap: removing the importer while a job writes rolls the job back (nothing half-imported) and
     * keeps it queued; the rest of Atrium keeps answering; installing the importer again finishes the job.
     */
    @Test
    public void aJobInterruptedByRemovingTheImporterRunsAgainWhenItReturns() {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < 30_000; i++) {
            csv.append(row("Individual", "H" + run + "-" + i, "Swap Person " + i, "h" + i + "-" + run + "@example.com",
                    "1")).append("\r\n");
        }
        Reply accepted = upload(csv.toString());
        assertEquals(accepted.body(), 202, accepted.status());
        String job = "/imports/" + accepted.json().get("id").asText();
        await("the job to write", () -> "WRITING".equals(get(job).json().path("stage").asText()));

        executeCommand("feature:uninstall atrium-importer");

        await("the imports API to go", () -> get(job).status() == 404);
        // on Derby the import committed chunk by chunk, and what it wrote is taken back as the importer stops
        await("nothing half-imported", () -> get("/clients?q=H" + run + "-&size=1").json().get("total").asInt() == 0,
                () -> get("/clients?q=H" + run + "-&size=1").body());
        executeCommand("feature:install atrium-importer");
        JsonNode done = finished(accepted);
        assertEquals(done.toString(), "SUCCEEDED", done.get("state").asText());
        assertEquals(30_000, done.get("created").asInt());
        assertEquals(30_000, get("/clients?q=H" + run + "-&size=1&exactTotal=true").json().get("total").asInt());

        // a word of 30,000 clients: Derby reads and counts every match, PostgreSQL pages through the word's index
        JsonNode common = get("/clients?q=h" + run + "&size=10&sort=clientId").json();
        assertEquals(10, common.get("items").size());
        assertEquals("H" + run + "-0", common.path("items").path(0).path("clientId").asText());
        assertTrue(common.toString(), common.get("totalExact").asBoolean() ? common.get("total").asInt() == 30_000
                : common.get("total").asInt() == 10 * 40);
        JsonNode threeWords = get("/clients?q=swap%20person%20h" + run + "&size=10&sort=clientId").json();
        assertEquals(common.get("items"), threeWords.get("items"));
        assertTrue(threeWords.toString(), threeWords.get("totalExact").asBoolean()
                ? threeWords.get("total").asInt() == 30_000 : threeWords.get("total").asInt() == 10);
    }

    @Test
    public void theConsoleImportsAndListsJobs() throws Exception {
        Path csv = Files.createTempFile("atrium-import", ".csv");
        Files.writeString(csv, file(row("Individual", "V" + run, "Vic Console", "vic-" + run + "@example.com", "1")));

        String output = executeCommand("atrium:import --wait " + csv);

        assertTrue(output, output.contains("Import succeeded: 1 clients created, 0 updated."));
        assertEquals(200, get("/clients/V" + run).status());
        String jobs = executeCommand("atrium:import-jobs");
        assertTrue(jobs, jobs.contains("SUCCEEDED"));
        assertFalse(jobs, jobs.contains("Exception"));
    }
}
