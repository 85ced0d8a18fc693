package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client register through its REST API on our distribution, over real HTTP, against real Derby.
 * One Karaf for the whole class; every test makes its own clients.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClientApiIT extends AtriumTestSupport {

    private String run;

    @Before
    public void setUp() {
        awaitRestApi();
        run = unique();
    }

    private String individual(String clientId, String name, String email, String taxId) {
        return "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"" + name + "\",\"email\":\""
                + email + "\",\"taxId\":\"" + taxId + "\",\"dateOfBirth\":\"1980-04-15\",\"countryCode\":\"1\","
                + "\"mobileNumber\":\"5551234567\",\"officeLocation\":1}";
    }

    private JsonNode create(String json) {
        Reply reply = post("/clients", json);
        assertEquals(reply.body(), 201, reply.status());
        return reply.json();
    }

    /** A random 9-digit tax ID that no other test uses. */
    private static String taxId() {
        return TestSsns.random();
    }

    @Test
    public void createsAndReadsAClientKeepingLeadingZerosAndMaskingTheSsn() {
        String clientId = "000" + run;
        Reply created = post("/clients", individual(clientId, "Ann Smith", run + "ann@example.com", "123456789"));
        assertEquals(created.body(), 201, created.status());
        assertTrue(created.location().endsWith("/api/v1/clients/" + clientId));

        Reply read = get("/clients/" + clientId);
        assertEquals(200, read.status());
        JsonNode client = read.json();
        assertEquals(clientId, client.get("clientId").asText());
        assertEquals("XXX-XX-6789", client.get("taxId").asText());
        assertFalse("the full SSN never leaves the server", read.body().contains("123456789"));
        assertEquals("PENDING", client.get("status").asText());
        assertTrue(client.get("portalAccess").asBoolean());
        assertFalse(client.get("smsOtp").asBoolean());
        assertFalse(client.get("dropOffAccess").asBoolean());
        assertEquals("1980-04-15", client.get("dateOfBirth").asText());
        assertEquals(1, client.get("version").asLong());
    }

    /**
     * Nodes on one database keep no copy of a client: what another node wrote is what this one reads next, and
     * an edit based on what this node showed before is refused rather than lose the other node's.
     */
    @Test
    public void whatAnotherNodeWroteIsReadHereAtOnce() throws Exception {
        String clientId = "N" + run;
        assertEquals(201, post("/clients", individual(clientId, "Nora Node", run + "nora@example.com", taxId())).status());
        JsonNode before = get("/clients/" + clientId).json();

        assertEquals(1, writeAsAnotherNode("UPDATE CLIENT SET NAME = ?, VERSION = VERSION + 1 WHERE CLIENT_ID = ?",
                "Nora Elsewhere", clientId));

        JsonNode after = get("/clients/" + clientId).json();
        assertEquals("Nora Elsewhere", after.get("name").asText());
        assertEquals(before.get("version").asLong() + 1, after.get("version").asLong());
        Reply stale = patch("/clients/" + clientId, "{\"mobileNumber\":\"5551234567\",\"countryCode\":\"1\","
                + "\"version\":" + before.get("version").asLong() + "}");
        assertEquals(stale.body(), 409, stale.status());
    }

    @Test
    public void anEntityShowsItsEinTruncated() {
        JsonNode entity = create("{\"clientId\":\"E" + run + "\",\"type\":\"ENTITY\",\"name\":\"Acme " + run
                + " LLC\",\"email\":\"" + run + "@acme.example\",\"taxId\":\"987654321\",\"officeLocation\":1}");
        assertEquals("XX-XXX4321", entity.get("taxId").asText());
    }

    @Test
    public void findsClientsByEveryKindOfKey() {
        String ssn = taxId();
        String spouseSsn = taxId();
        String clientId = "K" + run;
        create("{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Zelda " + run + "\",\"email\":\"z"
                + run + "@example.com\",\"taxId\":\"" + ssn + "\",\"officeLocation\":1,\"spouse\":{\"name\":\"Yuri "
                + run + "\",\"email\":\"y" + run + "@example.com\",\"taxId\":\"" + spouseSsn + "\"}}");
        String[] queries = {clientId.toLowerCase(), run, "zelda " + run.toUpperCase(), "z" + run + "@EXAMPLE",
            "yuri " + run, "y" + run + "@example.com", ssn, ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-"
                + ssn.substring(5), spouseSsn};
        for (String q : queries) {
            JsonNode page = get("/clients?q=" + encode(q)).json();
            assertEquals("q=" + q, 1, page.get("total").asInt());
            JsonNode item = page.get("items").get(0);
            assertEquals(clientId, item.get("clientId").asText());
            assertTrue("married filing jointly is flagged in the list", item.get("marriedFilingJointly").asBoolean());
            assertEquals("XXX-XX-" + spouseSsn.substring(5), item.get("spouse").get("taxId").asText());
        }
        assertEquals("part of a tax ID is not a search key", 0,
                get("/clients?q=" + ssn.substring(0, 8)).json().get("total").asInt());
    }

    @Test
    public void pagesSortsAndFilters() {
        for (int i = 0; i < 7; i++) {
            create(individual("P" + run + "-" + i, "Page " + run + " " + (char) ('g' - i), "p" + i + run + "@example.com",
                    taxId()));
        }
        JsonNode first = get("/clients?q=P" + run + "&size=3&page=0&sort=name,desc").json();
        assertEquals(7, first.get("total").asInt());
        assertEquals(3, first.get("items").size());
        assertEquals(0, first.get("page").asInt());
        assertEquals(3, first.get("size").asInt());
        assertEquals("Page " + run + " g", first.get("items").get(0).get("name").asText());
        JsonNode last = get("/clients?q=P" + run + "&size=3&page=2&sort=name,desc").json();
        assertEquals(1, last.get("items").size());
        assertEquals("Page " + run + " a", last.get("items").get(0).get("name").asText());

        assertEquals(7, get("/clients?q=P" + run + "&status=PENDING&portalAccess=true&office=1").json().get("total").asInt());
        assertEquals(0, get("/clients?q=P" + run + "&portalAccess=false").json().get("total").asInt());
        assertEquals(400, get("/clients?sort=ssn").status());
        assertEquals(400, get("/clients?size=501").status());
    }

    /** The README's couple, then edits that name only some fields: nothing they leave out is erased. */
    @Test
    public void editsNeverEraseWhatTheyLeaveOut() {
        String clientId = "E" + run;
        create("{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Ann Smith\",\"email\":\"e" + run
                + "@example.com\",\"taxId\":\"" + taxId() + "\",\"dateOfBirth\":\"1980-04-15\",\"countryCode\":\"1\","
                + "\"mobileNumber\":\"5551234567\",\"officeLocation\":1,\"spouse\":{\"name\":\"Bob Smith\",\"email\":\"f"
                + run + "@example.com\",\"taxId\":\"" + taxId() + "\"},\"spouseSignsFirst\":true}");

        Reply partialPut = put("/clients/" + clientId, "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\","
                + "\"name\":\"Ann Smith-Jones\",\"email\":\"e" + run + "@example.com\",\"officeLocation\":1,\"version\":1}");
        assertEquals(partialPut.body(), 400, partialPut.status());
        List<String> missing = new ArrayList<>();
        partialPut.json().get("errors").forEach(e -> missing.add(e.get("field").asText()));
        assertEquals(List.of("taxId", "dateOfBirth", "countryCode", "mobileNumber", "marriedFilingJointly", "spouse",
                "spouseSignsFirst", "portalAccess", "smsOtp", "dropOffAccess"), missing);
        assertEquals("nothing changed", "Ann Smith", get("/clients/" + clientId).json().get("name").asText());

        Reply patched = patch("/clients/" + clientId, "{\"name\":\"Ann Smith-Jones\",\"version\":1}");
        assertEquals(patched.body(), 200, patched.status());
        JsonNode after = patched.json();
        assertEquals("Ann Smith-Jones", after.get("name").asText());
        assertEquals("Bob Smith", after.get("spouse").get("name").asText());
        assertTrue(after.get("spouse").get("taxId").asText().startsWith("XXX-XX-"));
        assertEquals("1980-04-15", after.get("dateOfBirth").asText());
        assertEquals("5551234567", after.get("mobileNumber").asText());
        assertTrue(after.get("marriedFilingJointly").asBoolean() && after.get("spouseSignsFirst").asBoolean());

        JsonNode cleared = patch("/clients/" + clientId, "{\"mobileNumber\":null,\"countryCode\":null,"
                + "\"spouse\":{\"email\":\"g" + run + "@example.com\"}}").json();
        assertTrue(cleared.get("mobileNumber").isNull());
        assertEquals("g" + run + "@example.com", cleared.get("spouse").get("email").asText());
        assertEquals("Bob Smith", cleared.get("spouse").get("name").asText());
        assertEquals("a patch with an old version is refused", 409,
                patch("/clients/" + clientId, "{\"name\":\"Late\",\"version\":1}").status());

        JsonNode read = get("/clients/" + clientId).json();
        String replaced = read.toString().replace("\"dateOfBirth\":\"1980-04-15\"", "\"dateOfBirth\":null");
        Reply fullPut = put("/clients/" + clientId, replaced);
        assertEquals(fullPut.body(), 200, fullPut.status());
        assertTrue("an explicit null clears", fullPut.json().get("dateOfBirth").isNull());
        assertEquals("Bob Smith", fullPut.json().get("spouse").get("name").asText());
    }

    @Test
    public void editsOfOneVersionAtOnceGiveOneSuccessAndConflictsNeverAnError() throws Exception {
        String clientId = "P" + run;
        create(individual(clientId, "Parallel", "p" + run + "@example.com", taxId()));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int round = 0; round < 3; round++) {
            String body = get("/clients/" + clientId).json().toString();
            List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/clients/"
                        + clientId)).header("Authorization", basic("admin", "admin"))
                        .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                body.replace("\"Parallel\"", "\"Parallel " + round + "-" + i + "\""))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get().statusCode());
                if (answer.get().statusCode() != 200) {
                    assertEquals(answer.get().body(), "application/problem+json",
                            answer.get().headers().firstValue("Content-Type").orElse(""));
                }
            }
            assertEquals(statuses.toString(), 1, statuses.stream().filter(s -> s == 200).count());
            assertEquals(statuses.toString(), 9, statuses.stream().filter(s -> s == 409).count());
        }
    }

    @Test
    public void inputThatCannotBeMeantIsRefusedWithTheFieldNamed() {
        String base = individual("J" + run, "Strict", "j" + run + "@example.com", taxId());
        Reply twice = post("/clients", base.replace("\"name\":\"Strict\"", "\"name\":\"A\",\"name\":\"B\""));
        assertEquals(twice.body(), 400, twice.status());
        assertEquals("name", twice.json().get("errors").get(0).get("field").asText());
        Reply fraction = post("/clients", base.replace("\"officeLocation\":1", "\"officeLocation\":1.5"));
        assertEquals(fraction.body(), 400, fraction.status());
        assertEquals("officeLocation", fraction.json().get("errors").get(0).get("field").asText());
        Reply brokenUnicode = post("/clients", base.replace("\"Strict\"", "\"Strict \\ud800\""));
        assertEquals(brokenUnicode.body(), 400, brokenUnicode.status());
        assertEquals("name", brokenUnicode.json().get("errors").get(0).get("field").asText());
        Reply neverIssued = post("/clients", individual("J" + run, "Strict", "j" + run + "@example.com", "000000000"));
        assertEquals(neverIssued.body(), 400, neverIssued.status());
        assertEquals("taxId", neverIssued.json().get("errors").get(0).get("field").asText());
        for (String id : List.of(".", "..")) {
            Reply dots = post("/clients", individual(id, "Dots", "d" + run + "@example.com", taxId()));
            assertEquals(dots.body(), 400, dots.status());
        }
        assertEquals("nothing was created", 0, get("/clients?q=j" + run + "@example.com").json().get("total").asInt());

        create(individual("ID-" + run, "Dotless", "i" + run + "@example.com", taxId()));
        Reply lookAlike = post("/clients", individual("\u0130D-" + run, "Dotted", "k" + run + "@example.com", taxId()));
        assertEquals(lookAlike.body(), 409, lookAlike.status());
        create(individual("STRASSE-" + run, "Street", "s" + run + "@example.com", taxId()));
        Reply sharpS = post("/clients", individual("stra\u00dfe-" + run, "Strasse", "t" + run + "@example.com", taxId()));
        assertEquals(sharpS.body(), 409, sharpS.status());
        assertEquals("found by either spelling", "Street", get("/clients/stra%C3%9Fe-" + run).json().get("name").asText());
    }

    @Test
    public void aJsonBodyOverTheLimitIsRefusedBeforeItIsReadWhole() {
        String huge = "{\"action\":\"DELETE\",\"clientIds\":[\"" + "x".repeat(2 * 1024 * 1024) + "\"]}";
        Reply declared = post("/clients/bulk", huge);
        assertEquals(declared.body(), 413, declared.status());
        assertEquals("application/problem+json", declared.contentType());
        assertTrue(declared.body(), declared.json().get("detail").asText().contains("at most 1024 KB"));
        // no Content-Length: the stream is cut off at the limit
        Reply streamed = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/clients/bulk"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));
        assertEquals(streamed.body(), 413, streamed.status());
        assertEquals("application/problem+json", streamed.contentType());
    }

    @Test
    public void requestsTheWebServerRefusesAreProblemsNotHtmlPages() throws IOException {
        Reply longAddress = get("/clients?q=" + "a".repeat(10_000));
        assertEquals(longAddress.body(), 414, longAddress.status());
        assertEquals("application/problem+json", longAddress.contentType());
        assertTrue(longAddress.body(), longAddress.json().get("detail").asText().contains("Search with fewer words"));

        Reply bigHeaders = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/health"))
                .header("X-Padding", "b".repeat(20_000)));
        assertEquals(bigHeaders.body(), 431, bigHeaders.status());
        assertEquals("application/problem+json", bigHeaders.contentType());

        // a request line no HTTP client would send: written by hand
        try (java.net.Socket socket = new java.net.Socket("localhost", java.net.URI.create(baseUrl()).getPort())) {
            socket.getOutputStream().write("GE T /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer, answer.startsWith("HTTP/1.1 400 "));
            assertTrue(answer, answer.contains("Content-Type: application/problem+json"));
            assertTrue(answer, answer.contains("\"detail\":\"The request is not valid HTTP: Illegal character"));
        }

        // a client's mistake is the client's: answered, not logged as an error of Atrium
        Reply notJson = sendAsItIs(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/session"))
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("admin")));
        assertEquals(notJson.body(), 415, notJson.status());
        String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
        assertFalse("logged as an error", log.contains("No message body reader"));
    }

    @Test
    public void aBulkActionInTheBackgroundReportsItsProgressToItsOwnerOnly() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            create(individual("BG" + run + "-" + i, "Background " + run, "bg" + i + run + "@example.com", taxId()));
        }
        Reply accepted = post("/clients/bulk", "{\"action\":\"DISABLE_PORTAL_ACCESS\",\"filter\":{\"q\":\"Background "
                + run + "\"},\"expectedCount\":3,\"background\":true}");

        assertEquals(accepted.body(), 202, accepted.status());
        String id = accepted.json().get("id").asText();
        assertTrue(accepted.location(), accepted.location().endsWith("/api/v1/bulk-jobs/" + id));
        assertEquals(3, accepted.json().get("requested").asInt());
        JsonNode job = accepted.json();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!job.get("state").asText().equals("DONE")) {
            assertTrue("the job ends: " + job, System.nanoTime() < deadline);
            Thread.sleep(100); // polling interval
            job = get("/bulk-jobs/" + id).json();
        }
        assertEquals(job.toString(), 3, job.get("succeeded").asInt());
        assertEquals(0, job.get("failedCount").asInt());
        assertEquals("admin", job.get("submittedBy").asText());
        assertFalse(get("/clients/BG" + run + "-1").json().get("portalAccess").asBoolean());
        Reply someoneElses = as("staff", STAFF_PASSWORD, "GET", "/bulk-jobs/" + id, null);
        assertEquals(someoneElses.body(), 404, someoneElses.status());
        assertEquals(id, get("/bulk-jobs").json().get(0).get("id").asText());
    }

    @Test
    public void aBulkActionOnEveryClientMustBeSaidAndOnAChangedSelectionIsRefused() {
        for (int i = 0; i < 3; i++) {
            create(individual("K" + run + "-" + i, "Keep " + run, "k" + i + run + "@example.com", taxId()));
        }
        int everyone = get("/clients?size=1&exactTotal=true").json().get("total").asInt();
        Reply unsaid = post("/clients/bulk", "{\"action\":\"DELETE\",\"filter\":{}}");
        assertEquals(unsaid.body(), 400, unsaid.status());
        assertTrue(unsaid.body(), unsaid.json().get("detail").asText().contains("\"all\": true"));
        assertEquals("nothing was deleted", everyone, get("/clients?size=1&exactTotal=true").json().get("total").asInt());

        Reply changed = post("/clients/bulk", "{\"action\":\"DELETE\",\"filter\":{\"q\":\"Keep " + run
                + "\"},\"expectedCount\":2}");
        assertEquals(changed.body(), 409, changed.status());
        assertEquals("urn:atrium:problem:count-changed", changed.json().get("type").asText());
        assertEquals(3, get("/clients?q=Keep%20" + run).json().get("total").asInt());
        JsonNode done = post("/clients/bulk", "{\"action\":\"DISABLE_PORTAL_ACCESS\",\"filter\":{\"q\":\"Keep " + run
                + "\"},\"expectedCount\":3}").json();
        assertEquals(3, done.get("succeeded").asInt());
    }

    @Test
    public void anUpdateBasedOnAStaleVersionIsRefused() {
        String clientId = "U" + run;
        JsonNode client = create(individual(clientId, "Ulla", "u" + run + "@example.com", taxId()));
        String body = client.toString();

        Reply updated = put("/clients/" + clientId, body.replace("\"Ulla\"", "\"Ulla Berg\""));
        assertEquals(updated.body(), 200, updated.status());
        assertEquals("Ulla Berg", updated.json().get("name").asText());
        assertEquals(2, updated.json().get("version").asLong());
        assertEquals("the masked SSN sent back keeps the stored one", client.get("taxId").asText(),
                updated.json().get("taxId").asText());

        Reply stale = put("/clients/" + clientId, body.replace("\"Ulla\"", "\"Ulla Stale\""));
        assertEquals(409, stale.status());
        assertEquals("application/problem+json", stale.contentType());
        assertTrue(stale.json().get("detail").asText().contains("version"));
        assertEquals("Ulla Berg", get("/clients/" + clientId).json().get("name").asText());
    }

    @Test
    public void togglesChangeOneSettingEach() {
        String clientId = "T" + run;
        create("{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Toggle\",\"email\":\"t" + run
                + "@example.com\",\"officeLocation\":1}");
        assertFalse(put("/clients/" + clientId + "/portal-access", "{\"enabled\":false}").json().get("portalAccess")
                .asBoolean());
        assertTrue(put("/clients/" + clientId + "/drop-off-access", "{\"enabled\":true}").json().get("dropOffAccess")
                .asBoolean());

        Reply noMobile = put("/clients/" + clientId + "/sms-otp", "{\"enabled\":true}");
        assertEquals(400, noMobile.status());
        assertEquals("smsOtp", noMobile.json().get("errors").get(0).get("field").asText());
        assertTrue(noMobile.json().get("detail").asText().contains("mobile number"));

        String withMobile = "M" + run;
        create(individual(withMobile, "Mo", "m" + run + "@example.com", taxId()));
        assertTrue(put("/clients/" + withMobile + "/sms-otp", "{\"enabled\":true}").json().get("smsOtp").asBoolean());

        JsonNode after = get("/clients/" + clientId).json();
        assertFalse(after.get("portalAccess").asBoolean());
        assertTrue(after.get("dropOffAccess").asBoolean());
        assertFalse(after.get("smsOtp").asBoolean());
        assertEquals(400, put("/clients/" + clientId + "/portal-access", "{}").status());
        assertEquals(404, put("/clients/nobody-" + run + "/portal-access", "{\"enabled\":true}").status());
    }

    @Test
    public void bulkActionsByIdsAndByFilterCoverEveryMatchingClient() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // more than one default page (50)
            String clientId = "B" + run + "-" + i;
            ids.add(clientId);
            create("{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Bulk " + run + "\",\"email\":\"b"
                    + i + run + "@example.com\",\"officeLocation\":1}");
        }
        JsonNode disabled = post("/clients/bulk", "{\"action\":\"DISABLE_PORTAL_ACCESS\",\"filter\":{\"q\":\"Bulk " + run
                + "\"}}").json();
        assertEquals(60, disabled.get("requested").asInt());
        assertEquals(60, disabled.get("succeeded").asInt());
        assertEquals(60, get("/clients?q=Bulk%20" + run + "&portalAccess=false").json().get("total").asInt());

        JsonNode enabled = post("/clients/bulk", "{\"action\":\"ENABLE_PORTAL_ACCESS\",\"clientIds\":[\"" + ids.get(0)
                + "\",\"" + ids.get(1) + "\",\"ghost-" + run + "\"]}").json();
        assertEquals(3, enabled.get("requested").asInt());
        assertEquals(2, enabled.get("succeeded").asInt());
        assertEquals("ghost-" + run, enabled.get("failed").get(0).get("clientId").asText());
        assertTrue(enabled.get("failed").get(0).get("reason").asText().contains("No client"));
        assertEquals(2, get("/clients?q=Bulk%20" + run + "&portalAccess=true").json().get("total").asInt());

        JsonNode deleted = post("/clients/bulk", "{\"action\":\"DELETE\",\"filter\":{\"q\":\"Bulk " + run
                + "\",\"portalAccess\":false}}").json();
        assertEquals(58, deleted.get("succeeded").asInt());
        assertEquals(2, get("/clients?q=Bulk%20" + run).json().get("total").asInt());

        Reply unknown = post("/clients/bulk", "{\"action\":\"ARCHIVE\",\"clientIds\":[\"x\"]}");
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().get("detail").asText().contains("DELETE"));
        assertEquals(400, post("/clients/bulk", "{\"action\":\"DELETE\"}").status());
    }

    @Test
    public void deleteRemovesTheClient() {
        String clientId = "D" + run;
        create(individual(clientId, "Del", "d" + run + "@example.com", taxId()));
        assertEquals(204, delete("/clients/" + clientId).status());
        assertEquals(404, get("/clients/" + clientId).status());
        assertEquals(404, delete("/clients/" + clientId).status());
    }

    @Test
    public void duplicatesAreConflictsAndNothingChanges() {
        String clientId = "C" + run;
        create("{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Cat\",\"email\":\"c" + run
                + "@example.com\",\"officeLocation\":1,\"spouse\":{\"name\":\"Cas\",\"email\":\"cs" + run
                + "@example.com\"}}");
        Reply sameId = post("/clients", individual(clientId.toLowerCase(), "Other", "o" + run + "@example.com", taxId()));
        assertEquals(409, sameId.status());
        assertEquals("clientId", sameId.json().get("errors").get(0).get("field").asText());

        Reply spouseEmailTaken = post("/clients", individual("C2" + run, "Other", "CS" + run + "@Example.com", taxId()));
        assertEquals(409, spouseEmailTaken.status());
        assertEquals("email", spouseEmailTaken.json().get("errors").get(0).get("field").asText());
        assertEquals(404, get("/clients/C2" + run).status());
    }

    @Test
    public void badInputGetsAProblemThatNamesIt() {
        Reply invalid = post("/clients", "{\"clientId\":\"\",\"type\":\"INDIVIDUAL\",\"name\":\"X\",\"email\":\"not-an-email\","
                + "\"taxId\":\"12-345\",\"officeLocation\":99}");
        assertEquals(400, invalid.status());
        assertEquals("application/problem+json", invalid.contentType());
        Set<String> fields = new HashSet<>();
        invalid.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(Set.of("clientId", "email", "taxId", "officeLocation"), fields);

        Reply badJson = post("/clients", "{\"clientId\": ");
        assertEquals(400, badJson.status());
        assertEquals("application/problem+json", badJson.contentType());

        Reply unknownField = post("/clients", "{\"clientId\":\"X\",\"ssn\":\"123\"}");
        assertEquals(400, unknownField.status());
        assertEquals("ssn", unknownField.json().get("errors").get(0).get("field").asText());

        Reply wrongType = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/clients"))
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello")));
        assertEquals(415, wrongType.status());
        assertEquals("application/problem+json", wrongType.contentType());

        Reply unknown = get("/clients/nobody-" + run);
        assertEquals(404, unknown.status());
        assertTrue(unknown.json().get("detail").asText().contains("nobody-" + run));
        assertFalse("no stack traces", unknown.body().contains("Exception"));

        Reply noVersion = put("/clients/nobody-" + run, "{\"clientId\":\"x\"}");
        assertEquals(400, noVersion.status());
        assertEquals(400, post("/clients", "").status());
    }

    private Reply getAs(String path, String authorization) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path));
        return send(authorization == null ? request.header("Authorization", "None") : request.header("Authorization",
                authorization));
    }

    @Test
    public void everyRequestMustSignIn() {
        for (String path : new String[] {"/clients", "/offices", "/openapi.json", "/clients/anything"}) {
            Reply anonymous = getAs(path, null);
            assertEquals(path, 401, anonymous.status());
            assertEquals("application/problem+json", anonymous.contentType());
            assertTrue(anonymous.challenge(), anonymous.challenge().startsWith("Basic realm=\"Atrium\""));
        }
        Reply wrong = getAs("/clients", basic("admin", "wrong"));
        assertEquals(401, wrong.status());
        assertTrue(wrong.json().get("detail").asText().contains("wrong"));
        assertEquals(401, getAs("/clients", basic("nobody-" + run, "x")).status());
        assertEquals(401, getAs("/clients", "Basic not-base64!").status());

        Reply noRole = getAs("/clients", basic("norole", "norole-pw"));
        assertEquals(403, noRole.status());
        assertTrue(noRole.json().get("detail").asText().contains("atrium-staff"));
        assertEquals(200, getAs("/clients", basic("staff", STAFF_PASSWORD)).status());
    }

    @Test
    public void repeatedFailedSignInsLockTheUserNameForAWhile() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, getAs("/clients", basic("locky", "guess-" + i)).status());
        }
        Reply locked = getAs("/clients", basic("locky", "locky-pw"));
        assertEquals("even the right password is refused while locked", 401, locked.status());
        assertTrue(locked.json().get("detail").asText().contains("Too many failed sign-ins"));
        assertEquals("other users are not affected", 200, getAs("/clients", basic("staff", STAFF_PASSWORD)).status());
    }

    @Test
    public void onlyAdministratorsAddOffices() {
        Reply staff = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/offices"))
                .header("Authorization", basic("staff", STAFF_PASSWORD)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"number\": 77777, \"name\": \"No\"}")));
        assertEquals(403, staff.status());
        assertEquals("application/problem+json", staff.contentType());
        assertEquals(200, getAs("/offices", basic("staff", STAFF_PASSWORD)).status());
    }

    @Test
    public void officesCanBeListedAndAdded() {
        JsonNode offices = get("/offices").json();
        assertEquals("Main Office", offices.get(0).get("name").asText());
        int number = 1000 + (int) (Math.random() * 100_000);
        Reply created = post("/offices", "{\"number\":" + number + ",\"name\":\"Branch " + run + "\"}");
        assertEquals(created.body(), 201, created.status());
        assertEquals(409, post("/offices", "{\"number\":" + number + ",\"name\":\"Again\"}").status());
        assertEquals(400, post("/offices", "{\"number\":" + (number + 1) + ",\"name\":\" \"}").status());
        create("{\"clientId\":\"O" + run + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Branch client\",\"email\":\"o" + run
                + "@example.com\",\"officeLocation\":" + number + "}");
        assertEquals(1, get("/clients?office=" + number).json().get("total").asInt());
    }

    /**
     * A search with very many matches stops counting 40 pages on ("more than"), so it answers as fast as a narrow
     * one; asked for, the exact number comes. Pages of one row make 45 clients "very many".
     */
    @Test
    public void aBroadSearchSaysMoreThanItCountedAndCountsEveryMatchWhenAsked() {
        int office = 200_000 + (int) (Math.random() * 100_000);
        assertEquals(201, post("/offices", "{\"number\":" + office + ",\"name\":\"Busy " + run + "\"}").status());
        for (int i = 0; i < 45; i++) {
            create("{\"clientId\":\"M" + run + "-" + i + "\",\"type\":\"ENTITY\",\"name\":\"Many " + run + "\","
                    + "\"email\":\"m" + i + run + "@example.com\",\"officeLocation\":" + office + "}");
        }
        JsonNode first = get("/clients?office=" + office + "&size=1").json();
        assertEquals(first.toString(), 40, first.get("total").asInt());
        assertFalse("more than 40", first.get("totalExact").asBoolean());
        assertEquals(1, first.get("items").size());
        JsonNode near = get("/clients?office=" + office + "&size=1&page=10").json();
        assertEquals("the last page is within 40 pages: exact", 45, near.get("total").asInt());
        assertTrue(near.get("totalExact").asBoolean());
        JsonNode counted = get("/clients?office=" + office + "&size=1&exactTotal=true").json();
        assertEquals(45, counted.get("total").asInt());
        assertTrue(counted.get("totalExact").asBoolean());
        assertEquals("the same page", first.get("items"), counted.get("items"));
        JsonNode byText = get("/clients?q=Many%20" + run + "&size=1&exactTotal=true").json();
        assertEquals(45, byText.get("total").asInt());
        Reply wrong = get("/clients?exactTotal=yes");
        assertEquals(400, wrong.status());
        assertTrue(wrong.body(), wrong.body().contains("exactTotal"));
    }

    @Test
    public void theOpenApiDocumentDescribesTheApi() {
        Reply reply = get("/openapi.json");
        assertEquals(200, reply.status());
        JsonNode paths = reply.json().get("paths");
        for (String path : new String[] {"/clients", "/clients/{clientId}", "/clients/bulk",
            "/clients/{clientId}/portal-access", "/clients/{clientId}/sms-otp", "/clients/{clientId}/drop-off-access",
            "/offices"}) {
            assertNotNull("OpenAPI has " + path, paths.get(path));
        }
        assertNotNull(paths.get("/clients").get("post"));
        assertNotNull(paths.get("/clients/{clientId}").get("delete"));
    }

    @Test
    public void dataSurvivesARestartOfTheRegistryBundle() throws Exception {
        String clientId = "R" + run;
        create(individual(clientId, "Rita Restart", "r" + run + "@example.com", taxId()));
        Bundle registry = bundle("org.atrium.registry");
        registry.stop();
        await("the register to go away", () -> get("/clients/" + clientId).status() != 200);
        registry.start();
        await("the register to come back", () -> get("/clients/" + clientId).status() == 200);
        assertEquals("Rita Restart", get("/clients/" + clientId).json().get("name").asText());
    }

    @Test
    public void taxIdsAreNotStoredOrLoggedInPlainText() throws Exception {
        String ssn = taxId();
        String spouseSsn = taxId();
        String clientId = "X" + run;
        create("{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Xena\",\"email\":\"x" + run
                + "@example.com\",\"taxId\":\"" + ssn + "\",\"officeLocation\":1,\"spouse\":{\"name\":\"Xan\","
                + "\"email\":\"xs" + run + "@example.com\",\"taxId\":\"" + spouseSsn + "\"}}");
        assertEquals("still found by its SSN", 1, get("/clients?q=" + ssn).json().get("total").asInt());
        List<Path> stored = storedFiles(); // after a checkpoint: every page on disk, not only in the log

        List<String> forms = new ArrayList<>();
        for (String number : new String[] {ssn, spouseSsn}) {
            forms.add(number);
            forms.add(number.substring(0, 3) + "-" + number.substring(3, 5) + "-" + number.substring(5));
            forms.add(number.substring(0, 2) + "-" + number.substring(2));
        }
        List<String> found = new ArrayList<>();
        boolean rowFound = false;
        for (Path file : stored) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            forms.stream().filter(content::contains).forEach(form -> found.add(file + ": " + form));
            rowFound |= content.contains(clientId);
        }
        assertTrue("the scan reaches the stored rows (the client ID is there)", rowFound);
        assertEquals("SSNs found in Karaf's data or the database's files", List.of(), found);
    }

    /**
     * Karaf's data/ (logs, queues, Derby's files) and, on PostgreSQL, the server's log, write-ahead log and
     * this database's own files, once the database has written every page to disk.
     */
    private List<Path> storedFiles() throws Exception {
        Collection<ServiceReference<DataSource>> references = bundleContext.getServiceReferences(DataSource.class,
                "(osgi.jndi.service.name=atrium)");
        DataSource dataSource = bundleContext.getService(references.iterator().next());
        List<Path> roots = new ArrayList<>(List.of(Path.of(System.getProperty("karaf.data"))));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseProductName().contains("Derby")) {
                statement.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
            } else {
                statement.execute("CHECKPOINT");
                try (ResultSet oid = statement.executeQuery(
                        "SELECT oid FROM pg_database WHERE datname = current_database()")) {
                    oid.next();
                    Path server = Path.of(System.getProperty(SuiteDatabase.FOLDER_PROPERTY));
                    roots.add(server.resolve("server.log"));
                    roots.add(server.resolve("data/pg_wal"));
                    roots.add(server.resolve("data/base").resolve(oid.getString(1)));
                }
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files;
    }

    @Test
    public void consoleCommandsShowClientsWithMaskedTaxIds() {
        String clientId = "S" + run;
        create(individual(clientId, "Shell " + run, "s" + run + "@example.com", "111223333"));
        String list = executeCommand("atrium:client-list " + run);
        assertTrue(list, list.contains(clientId));
        assertTrue(list, list.contains("XXX-XX-3333"));
        String show = executeCommand("atrium:client-show " + clientId);
        assertTrue(show, show.contains("Shell " + run));
        assertFalse(show, show.contains("111223333"));
        assertTrue(executeCommand("atrium:office-list").contains("Main Office"));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static String encode(String q) {
        return java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
    }
}
