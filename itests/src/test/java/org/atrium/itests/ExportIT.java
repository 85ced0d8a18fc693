package org.atrium.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Exports end to end over HTTP in the distribution: files read back with Apache POI, the office scope of
 * staff, masked and revealed tax IDs, the audit trail, CSV, bad requests and the console.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExportIT extends AtriumTestSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String run;

    /** A downloaded file. */
    private record Download(int status, String contentType, String disposition, String cacheControl, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @Before
    public void officesAndStaff() {
        awaitRestApi();
        run = unique();
        if (get("/offices").body().indexOf("\"number\":2") < 0) {
            assertEquals(201, post("/offices", "{\"number\":2,\"name\":\"Uptown\"}").status());
        }
        assertEquals(200, put("/users/staff", "{\"offices\":[2]}").status());
    }

    private void create(String json) {
        Reply created = post("/clients", json);
        assertEquals(created.body(), 201, created.status());
    }

    /** Three clients of office 2 whose names hold the run's token, one of them without portal access, and one of office 1. */
    private void fourClients() {
        create("{\"clientId\":\"0001" + run + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Exp" + run + " Ann\",\"email\":\"ann-"
                + run + "@example.com\",\"taxId\":\"123456789\",\"dateOfBirth\":\"1980-02-03\",\"officeLocation\":2,"
                + "\"portalAccess\":true,\"marriedFilingJointly\":true,\"spouse\":{\"name\":\"Bob Spouse\",\"email\":\"bob-"
                + run + "@example.com\",\"taxId\":\"987654321\",\"dateOfBirth\":\"1979-12-31\"}}");
        create("{\"clientId\":\"0002" + run + "\",\"type\":\"ENTITY\",\"name\":\"Exp" + run + " Zed Corp\",\"email\":\"zed-"
                + run + "@example.com\",\"taxId\":\"121234567\",\"officeLocation\":2,\"portalAccess\":true}");
        create("{\"clientId\":\"0003" + run + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Exp" + run + " Off\",\"email\":\"off-"
                + run + "@example.com\",\"officeLocation\":2,\"portalAccess\":false}");
        create("{\"clientId\":\"0004" + run + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Exp" + run + " Far\",\"email\":\"far-"
                + run + "@example.com\",\"taxId\":\"111223333\",\"officeLocation\":1,\"portalAccess\":true}");
    }

    private Download download(String user, String password, String path) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Authorization", basic(user, password)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Content-Disposition").orElse(""),
                    response.headers().firstValue("Cache-Control").orElse(""), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static XSSFWorkbook workbook(Download download) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(download.body()));
    }

    private static List<String> texts(Row row) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            Cell cell = row.getCell(i);
            cells.add(cell == null ? "" : cell.getCellType() == CellType.STRING ? cell.getStringCellValue()
                    : cell.toString());
        }
        return cells;
    }

    // --- tests

    @Test
    public void staffExportAFilteredListWithChosenColumns() throws IOException {
        fourClients();

        Download file = download("staff", STAFF_PASSWORD, "/exports/clients.xlsx?q=Exp" + run
                + "&portalAccess=true&sort=name,desc&columns="
                + encode("clientId,name,taxId,dateOfBirth,spouse.name,spouse.taxId,officeLocation,officeLocationName"));

        assertEquals(200, file.status());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.contentType());
        assertEquals("attachment; filename=\"atrium-clients-" + LocalDate.now() + ".xlsx\"", file.disposition());
        assertEquals("no-store", file.cacheControl());
        try (XSSFWorkbook workbook = workbook(file)) {
            Sheet sheet = workbook.getSheet("Clients");
            assertEquals(List.of("Client ID", "Name", "SSN/EIN", "Date of Birth", "Spouse Name", "Spouse SSN",
                    "Office Location", "Office Location Name"), texts(sheet.getRow(0)));
            assertTrue("bold header", workbook.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex())
                    .getBold());
            assertTrue("frozen header", sheet.getPaneInformation().isFreezePane());
            // office 2 only (not "Far" of office 1), portal access on only (not "Off"), by name descending
            assertEquals(2, sheet.getLastRowNum());
            Row zed = sheet.getRow(1);
            Row ann = sheet.getRow(2);
            assertEquals(CellType.STRING, ann.getCell(0).getCellType());
            assertEquals("leading zeros kept", "0001" + run, ann.getCell(0).getStringCellValue());
            assertEquals("0002" + run, zed.getCell(0).getStringCellValue());
            assertEquals("Exp" + run + " Ann", ann.getCell(1).getStringCellValue());
            assertEquals("XXX-XX-6789", ann.getCell(2).getStringCellValue());
            assertEquals("XX-XXX4567", zed.getCell(2).getStringCellValue());
            Cell birth = ann.getCell(3);
            assertEquals(CellType.NUMERIC, birth.getCellType());
            assertTrue(DateUtil.isCellDateFormatted(birth));
            assertEquals("mm/dd/yyyy", birth.getCellStyle().getDataFormatString());
            assertEquals(LocalDateTime.of(1980, 2, 3, 0, 0), birth.getLocalDateTimeCellValue());
            assertNull("an entity has no date of birth", zed.getCell(3));
            assertEquals("Bob Spouse", ann.getCell(4).getStringCellValue());
            assertEquals("XXX-XX-4321", ann.getCell(5).getStringCellValue());
            assertEquals(2.0, ann.getCell(6).getNumericCellValue(), 0);
            assertEquals("Uptown", ann.getCell(7).getStringCellValue());
            assertFalse("no full tax ID anywhere", Arrays.asList("123456789", "987654321", "121234567").stream()
                    .anyMatch(id -> StreamSupport.stream(sheet.spliterator(), false).flatMap(r -> texts(r).stream())
                            .anyMatch(id::equals)));
        }
    }

    @Test
    public void everyPageIsExportedNotOne() throws IOException {
        // more than a list page (500 at most) and more than the register reads at a time
        for (int i = 0; i < 1_203; i++) {
            register.create(new ClientData(String.format("%05d", i) + "B" + run, ClientType.INDIVIDUAL,
                    "Bulk" + run + " " + i, "bulk-" + i + "-" + run + "@example.com", null, null, null, null, 2, false,
                    null, false, true, false, false));
        }

        Download file = download("staff", STAFF_PASSWORD, "/exports/clients.xlsx?q=Bulk" + run + "&columns=clientId");

        assertEquals(200, file.status());
        try (XSSFWorkbook workbook = workbook(file)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals(1_203, sheet.getLastRowNum());
            for (int i = 0; i < 1_203; i++) {
                assertEquals("in client ID order", String.format("%05d", i) + "B" + run,
                        sheet.getRow(i + 1).getCell(0).getStringCellValue());
            }
        }
    }

    @Test
    public void anAdministratorMayRevealTaxIdsAndItIsAudited() throws IOException {
        fourClients();

        Download file = download("admin", "admin", "/exports/clients.xlsx?q=0001" + run
                + "&revealTaxIds=true&columns=clientId,taxId,spouse.taxId");

        assertEquals(200, file.status());
        try (XSSFWorkbook workbook = workbook(file)) {
            assertEquals(List.of("0001" + run, "123456789", "987654321"), texts(workbook.getSheetAt(0).getRow(1)));
        }
        JsonNode entries = get("/audit?user=admin&size=20").json().get("items");
        JsonNode export = StreamSupport.stream(entries.spliterator(), false)
                .filter(e -> e.get("action").asText().equals("CLIENTS_EXPORTED")).findFirst().orElseThrow();
        String changes = export.get("changes").toString();
        assertTrue(changes, changes.contains("\"taxIdsRevealed\"") && changes.contains("\"yes\""));
        assertTrue(changes, changes.contains("q=0001" + run));
        assertTrue(changes, changes.contains("clientId,taxId,spouse.taxId"));
    }

    @Test
    public void staffMayNotRevealTaxIds() {
        Reply refused = as("staff", STAFF_PASSWORD, "GET", "/exports/clients.xlsx?revealTaxIds=true", null);

        assertEquals(403, refused.status());
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(refused.body(), refused.body().contains("Only administrators may export full SSN/EIN"));
    }

    @Test
    public void csvHasTheSameColumnsAndDefusesFormulas() {
        create("{\"clientId\":\"0005" + run + "\",\"type\":\"INDIVIDUAL\",\"name\":\"=HYPERLINK(\\\"http://x.example\\\")"
                + run + "\",\"email\":\"f-" + run + "@example.com\",\"taxId\":\"123451234\",\"dateOfBirth\":\"1990-07-04\","
                + "\"officeLocation\":2,\"portalAccess\":true}");

        Download file = download("staff", STAFF_PASSWORD, "/exports/clients.csv?q=0005" + run
                + "&columns=clientId,name,taxId,dateOfBirth,portalAccess,status");

        assertEquals(200, file.status());
        assertEquals("text/csv", file.contentType());
        assertEquals("attachment; filename=\"atrium-clients-" + LocalDate.now() + ".csv\"", file.disposition());
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(file.body(), 3));
        assertEquals("\uFEFFClient ID,Name,SSN/EIN,Date of Birth,Portal Access,Status\r\n"
                + "0005" + run + ",\"'=HYPERLINK(\"\"http://x.example\"\")" + run + "\",XXX-XX-1234,07/04/1990,Yes,"
                + "Pending\r\n", file.text());
    }

    @Test
    public void theColumnsAUserCanPick() {
        JsonNode columns = get("/exports/columns").json();

        List<String> names = StreamSupport.stream(columns.spliterator(), false).map(c -> c.get("name").asText())
                .toList();
        assertTrue(names.toString(), names.containsAll(List.of("clientId", "type", "name", "email", "taxId",
                "dateOfBirth", "countryCode", "mobileNumber", "officeLocation", "officeLocationName", "spouse.name",
                "spouse.email", "spouse.taxId", "spouse.dateOfBirth", "spouseSignsFirst", "status", "portalAccess",
                "smsOtp", "dropOffAccess", "createdAt", "updatedAt")));
        assertEquals("Client ID", columns.get(0).get("label").asText());
        assertTrue(columns.get(0).get("byDefault").asBoolean());
        String openApi = get("/openapi.json").body();
        assertTrue("documented", openApi.contains("/exports/clients.{format}") && openApi.contains("revealTaxIds"));
    }

    @Test
    public void badRequestsAreProblemsAndWriteNothing() {
        Reply unknown = get("/exports/clients.xlsx?columns=clientId,shoeSize");
        assertEquals(400, unknown.status());
        assertEquals("application/problem+json", unknown.contentType());
        assertTrue(unknown.body(), unknown.body().contains("Unknown column 'shoeSize'"));

        Reply sort = get("/exports/clients.csv?sort=shoeSize");
        assertEquals(400, sort.status());
        assertTrue(sort.body(), sort.body().contains("Unknown sort field 'shoeSize'"));

        Reply status = get("/exports/clients.csv?status=SLEEPING");
        assertEquals(400, status.status());
        assertTrue(status.body(), status.body().contains("Unknown status 'SLEEPING'"));

        assertEquals(401, as("staff", "wrong", "GET", "/exports/clients.xlsx", null).status());
        assertEquals(403, as("norole", "norole-pw", "GET", "/exports/clients.xlsx", null).status());
    }

    @Test
    public void theConsoleWritesAFileOnlyItsOwnerCanRead() throws IOException {
        fourClients();
        Path file = Files.createTempDirectory("export").resolve("clients.xlsx");

        String output = executeCommand("atrium:export --columns clientId,name --sort name " + file + " Exp" + run);

        assertTrue(output, output.contains("Exported 4 clients to " + file));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals(List.of("Exp" + run + " Ann", "Exp" + run + " Far", "Exp" + run + " Off", "Exp" + run + " Zed Corp"),
                    StreamSupport.stream(sheet.spliterator(), false).skip(1).map(r -> r.getCell(1).getStringCellValue())
                            .collect(Collectors.toList()));
        }
        assertTrue(executeCommand("atrium:export " + file.resolveSibling("x.txt")).contains("Name the file .xlsx or .csv"));
        assertFalse(Files.exists(file.resolveSibling("x.txt")));
    }
}
