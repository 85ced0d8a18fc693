package org.atrium.exporter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.ClientVisitor;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.client.ServiceUnavailableException;
import org.atrium.api.client.SortField;
import org.atrium.api.client.Spouse;
import org.atrium.api.export.ExportColumn;
import org.atrium.api.export.ExportFormat;
import org.atrium.api.export.ExportRequest;
import org.atrium.api.export.ExportRequestException;
import org.atrium.api.export.PreparedExport;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;
import org.atrium.api.security.Actor;
import org.junit.jupiter.api.Test;

class PoiClientExportsTest {

    private static final Actor ADMIN = Actor.administrator("alice");
    private static final Actor STAFF = Actor.staff("bob", Set.of(1));
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

    private final List<Client> clients = List.of(
            client("00042", ClientType.INDIVIDUAL, "Ann Smith", "123456789",
                    new Spouse("Bob Smith", "bob@example.com", "987654321", LocalDate.of(1979, 5, 6), "1", "5550100")),
            client("0007", ClientType.ENTITY, "=Acme LLC", "121234567", null));
    private final List<String> recorded = new ArrayList<>();
    private final List<Actor> registerViews = new ArrayList<>();
    private final List<ClientFilter> filters = new ArrayList<>();
    private final MovingClock clock = new MovingClock();
    private final PoiClientExports exports = new PoiClientExports(register(), offices(), audit(),
            ZoneId.of("America/New_York"), clock, 1);

    /** A clock the test moves on. */
    private static final class MovingClock extends Clock {
        private Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theDefaultColumnsAreThoseTheListShows() throws IOException {
        List<List<String>> rows = xlsx(ExportRequest.ALL, ADMIN);

        assertEquals(List.of("Client ID", "Client Type", "Name", "Email Address", "SSN/EIN", "Office Location",
                "Spouse Name", "Status", "Portal Access", "SMS OTP", "Drop-off Access"), rows.get(0));
        assertEquals(List.of("00042", "Individual", "Ann Smith", "ann@example.com", "XXX-XX-6789", "1", "Bob Smith",
                "Invited", "Yes", "No", "Yes"), rows.get(1));
        assertEquals(List.of("0007", "Entity", "=Acme LLC", "ann@example.com", "XX-XXX4567", "1", "", "Invited",
                "Yes", "No", "Yes"), rows.get(2));
    }

    @Test
    void chosenColumnsInTheirOrderWithMaskedTaxIds() throws IOException {
        List<List<String>> rows = xlsx(request(List.of("spouse.taxId", "clientId", "officeLocationName", "taxId"),
                false), STAFF);

        assertEquals(List.of("Spouse SSN", "Client ID", "Office Location Name", "SSN/EIN"), rows.get(0));
        assertEquals(List.of("XXX-XX-4321", "00042", "Downtown", "XXX-XX-6789"), rows.get(1));
        assertEquals(List.of("", "0007", "Downtown", "XX-XXX4567"), rows.get(2));
        // the register is read as the user, so only the user's offices come back
        assertEquals(List.of(STAFF), registerViews);
    }

    @Test
    void anAdministratorMayRevealTaxIdsAndTheAuditTrailSaysSo() throws IOException {
        List<List<String>> rows = xlsx(request(List.of("clientId", "taxId", "spouse.taxId"), true), ADMIN);

        assertEquals(List.of("00042", "123456789", "987654321"), rows.get(1));
        assertEquals(1, recorded.size());
        assertTrue(recorded.get(0).contains("taxIdsRevealed=yes"), recorded.get(0));
    }

    @Test
    void staffMayNotRevealTaxIds() {
        assertThrows(AccessDeniedException.class,
                () -> exports.prepare(request(List.of("taxId"), true), ExportFormat.XLSX, STAFF));
        assertTrue(recorded.isEmpty());
    }

    @Test
    void everyExportIsAuditedWithoutAFullTaxId() throws IOException {
        ExportRequest bySsn = new ExportRequest(new ClientFilter("123-45-6789", RegistrationStatus.INVITED, true, 1),
                SortField.NAME, true, List.of("clientId", "name"), false);

        xlsx(bySsn, STAFF);

        assertEquals(List.of("bob CLIENTS_EXPORTED export atrium-clients-2026-11-22.xlsx: format=xlsx "
                + "columns=clientId,name filter=q=*****6789 status=INVITED portalAccess=true office=1 sort=name,desc "
                + "taxIdsRevealed=no"), recorded);
        assertEquals("123-45-6789", filters.get(0).q());
    }

    @Test
    void unknownOrRepeatedColumnsAreRefusedBeforeAnythingIsWritten() {
        ExportRequestException unknown = assertThrows(ExportRequestException.class,
                () -> exports.prepare(request(List.of("clientId", "shoeSize"), false), ExportFormat.CSV, ADMIN));
        assertTrue(unknown.getMessage().startsWith("Unknown column 'shoeSize'. Columns: clientId, type, name"),
                unknown.getMessage());
        ExportRequestException twice = assertThrows(ExportRequestException.class,
                () -> exports.prepare(request(List.of("name", "name"), false), ExportFormat.CSV, ADMIN));
        assertEquals("Column 'name' is asked for twice.", twice.getMessage());
        assertTrue(recorded.isEmpty());
    }

    @Test
    void aFirmsColumnCanBeChosenWhileItsServiceIsThere() throws IOException {
        ExportColumn partner = column("partner", "Engagement Partner", client -> {
            if (client.type() == ClientType.ENTITY) {
                throw new IllegalStateException("no partner for entities yet");
            }
            return "=Jane Doe";
        });
        exports.addColumn(partner);

        assertTrue(exports.columns().stream().anyMatch(c -> c.name().equals("partner")));
        String csv = csv(request(List.of("clientId", "partner"), false), ADMIN);
        // its failure for one client leaves that cell empty; its text is defused like any other
        assertEquals("Client ID,Engagement Partner\r\n00042,'=Jane Doe\r\n0007,\r\n", csv);

        exports.removeColumn(partner);
        assertThrows(ExportRequestException.class,
                () -> exports.prepare(request(List.of("partner"), false), ExportFormat.CSV, ADMIN));
    }

    @Test
    void aFirmsColumnSeesTaxIdsMaskedUnlessItSaysItNeedsThem() throws IOException {
        exports.addColumn(column("lastFour", "Last four", client -> client.taxId() + "/"
                + (client.spouse() == null ? "" : client.spouse().taxId())));
        exports.addColumn(new ExportColumn() {
            @Override
            public String name() {
                return "checkDigit";
            }

            @Override
            public String label() {
                return "Check";
            }

            @Override
            public Object value(Client client) {
                return client.taxId().chars().map(c -> c - '0').sum() % 10;
            }

            @Override
            public boolean needsFullTaxIds() {
                return true;
            }
        });

        String csv = csv(request(List.of("clientId", "lastFour", "checkDigit"), false), ADMIN);
        // 1+2+3+4+5+6+7+8+9 = 45 and 1+2+1+2+3+4+5+6+7 = 31: computed from the full numbers, never written
        assertEquals("Client ID,Last four,Check\r\n00042,XXX-XX-6789/XXX-XX-4321,5\r\n0007,XX-XXX4567/,1\r\n", csv);
    }

    @Test
    void aFirmsColumnCannotTakeABuiltInName() {
        exports.addColumn(column("taxId", "Full SSN", Client::taxId));

        assertEquals(1, exports.columns().stream().filter(c -> c.name().equals("taxId")).count());
        assertEquals("SSN/EIN", exports.columns().stream().filter(c -> c.name().equals("taxId")).findFirst()
                .orElseThrow().label());
    }

    @Test
    void exportsBeyondTheLimitWaitForOneToEnd() throws IOException {
        PreparedExport first = exports.prepare(ExportRequest.ALL, ExportFormat.CSV, ADMIN);
        assertThrows(ServiceUnavailableException.class,
                () -> exports.prepare(ExportRequest.ALL, ExportFormat.CSV, ADMIN));

        first.writeTo(new ByteArrayOutputStream());

        exports.prepare(ExportRequest.ALL, ExportFormat.CSV, ADMIN).close();
        assertThrows(IllegalStateException.class, () -> first.writeTo(new ByteArrayOutputStream()));
    }

    @Test
    void anExportNeverWrittenGivesItsPlaceBackAfterAMinute() {
        PreparedExport forgotten = exports.prepare(ExportRequest.ALL, ExportFormat.CSV, ADMIN);
        assertThrows(ServiceUnavailableException.class,
                () -> exports.prepare(ExportRequest.ALL, ExportFormat.CSV, ADMIN));

        clock.now = NOW.plus(PoiClientExports.UNUSED_RESERVATION).plusSeconds(1);

        exports.prepare(ExportRequest.ALL, ExportFormat.CSV, ADMIN).close();
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> forgotten.writeTo(new ByteArrayOutputStream()));
        assertTrue(late.getMessage().contains("prepare it again"), late.getMessage());
    }

    @Test
    void theFileNameIsDatedInTheFirmsTimeZone() {
        try (PreparedExport export = exports.prepare(ExportRequest.ALL, ExportFormat.XLSX, ADMIN)) {
            // 03:00 UTC is still the day before in New York
            assertEquals("atrium-clients-2026-11-22.xlsx", export.fileName());
        }
    }

    private static ExportColumn column(String name, String label, Function<Client, Object> value) {
        return new ExportColumn() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public Object value(Client client) {
                return value.apply(client);
            }
        };
    }

    private static ExportRequest request(List<String> columns, boolean reveal) {
        return new ExportRequest(null, null, false, columns, reveal);
    }

    private List<List<String>> xlsx(ExportRequest request, Actor actor) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PreparedExport export = exports.prepare(request, ExportFormat.XLSX, actor)) {
            assertEquals(clients.size(), export.writeTo(out));
        }
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            int width = sheet.getRow(0).getLastCellNum();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    cells.add(row.getCell(i) == null ? "" : new org.apache.poi.ss.usermodel.DataFormatter()
                            .formatCellValue(row.getCell(i)));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private String csv(ExportRequest request, Actor actor) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PreparedExport export = exports.prepare(request, ExportFormat.CSV, actor)) {
            export.writeTo(out);
        }
        byte[] bytes = out.toByteArray();
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    private static Client client(String id, ClientType type, String name, String taxId, Spouse spouse) {
        return new Client(id, type, name, "ann@example.com", taxId, LocalDate.of(1980, 2, 3), null, null, 1,
                spouse != null, spouse, false, true, false, true, RegistrationStatus.INVITED, NOW, NOW, 1, NOW, null,
                null, null);
    }

    private ClientRegister register() {
        return (ClientRegister) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ClientRegister.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "as" -> {
                        registerViews.add((Actor) args[0]);
                        yield proxy;
                    }
                    case "forEachClient" -> {
                        filters.add((ClientFilter) args[0]);
                        ClientVisitor visitor = (ClientVisitor) args[3];
                        visitor.matching(clients.size());
                        clients.forEach(visitor::visit);
                        yield (long) clients.size();
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private OfficeDirectory offices() {
        return (OfficeDirectory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {OfficeDirectory.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "list" -> List.of(new OfficeLocation(1, "Downtown"));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private AuditTrail audit() {
        return (AuditTrail) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AuditTrail.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("record")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    StringBuilder entry = new StringBuilder(args[0] + " " + args[1] + " " + args[3] + ":");
                    for (FieldChange change : (List<FieldChange>) args[4]) {
                        entry.append(' ').append(change.field()).append('=').append(change.to());
                    }
                    recorded.add(entry.toString());
                    return null;
                });
    }
}
