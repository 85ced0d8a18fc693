package org.atrium.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jdbc.DataSourceFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The database as an operator changes it in etc/atrium.database.cfg, at run time: a database of the previous
 * release upgraded in place on Derby and on PostgreSQL (a server of the test's own on loopback) and used
 * there; a database that a newer version upgraded, one that cannot be reached and a password anyone may read
 * are each refused with a DOWN health that says why, and change nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabaseIT extends AtriumTestSupport {

    private static final String ROLE = "atrium_app";
    private static final String ROLE_PASSWORD = "app-password-for-tests";

    private static PostgresServer postgres;
    private String shippedSettings;
    private String shippedKeys;

    @BeforeClass
    public static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterClass
    public static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * As an operator moving to PostgreSQL does first: the embedded database's master key into
     * etc/atrium.keys.cfg (the same key, so nothing changes on Derby).
     */
    @Before
    public void remember() throws IOException {
        shippedSettings = Files.readString(settingsFile());
        shippedKeys = Files.readString(keysFile());
        writeKeys("master.key = " + embeddedMasterKey() + "\n", "rw-------");
        await("the key read from etc/atrium.keys.cfg, the register up", () -> "etc/atrium.keys.cfg".equals(keysCheck()
                .path("details").path("source").asText()) && get("/clients?size=1").status() == 200,
                () -> keysCheck().toString());
    }

    /** Back to the embedded database the other tests use, the register answering on it. */
    @After
    public void restore() throws Exception {
        writeSettings(shippedSettings, "rw-------");
        writeKeys(shippedKeys, "rw-r--r--");
        await("the register back on the embedded database", () -> get("/clients?size=1").status() == 200
                && "UP".equals(databaseCheck().path("status").asText()) && "UP".equals(keysCheck().path("status")
                .asText()), () -> databaseCheck() + " " + keysCheck());
    }

    @Test
    public void onPostgresqlANodeWithoutAMasterKeyDoesNotStartItsRegisterAndSaysWhyUntilItHasOne() throws Exception {
        String name = newPostgresDatabase();
        writeKeys(shippedKeys, "rw-r--r--");
        await("the embedded key file in use", () -> keysCheck().path("summary").asText()
                .contains("data/atrium/master.key"), () -> keysCheck().toString());
        assertTrue(executeCommand("atrium:master-key").contains("data/atrium/master.key"));
        String newKey = executeCommand("atrium:master-key --new").lines().filter(l -> l.startsWith("master.key = "))
                .findFirst().orElseThrow();

        writeSettings(postgresSettings(name), "rw-------");

        await("the keys health to say what is missing", () -> "DOWN".equals(keysCheck().path("status").asText()),
                () -> keysCheck().toString());
        String summary = keysCheck().path("summary").asText();
        assertTrue(summary, summary.contains("etc/atrium.keys.cfg") && summary.contains("ATRIUM_MASTER_KEY"));
        await("the register gone, answered for by the standby", () -> get("/clients?size=1").status() == 503);
        assertEquals("DOWN", get("/health").json().path("status").asText());

        writeKeys(newKey + "\n", "rw-r--r--");
        await("a key anyone may read refused", () -> keysCheck().path("summary").asText().contains("chmod 600"),
                () -> keysCheck().toString());
        assertEquals(503, get("/clients?size=1").status());
        writeKeys(newKey + "\n", "rw-------");

        await("the register on PostgreSQL with the configured key", () -> get("/clients?size=1").status() == 200,
                () -> keysCheck().toString());
        JsonNode keys = keysCheck();
        assertEquals("UP", keys.path("status").asText());
        assertEquals("etc/atrium.keys.cfg", keys.path("details").path("source").asText());
        await("the console back with the register", () -> consoleOutput("atrium:master-key")
                .contains(keys.path("details").path("fingerprint").asText()));
        assertFalse("the health never shows the key", get("/health").body().contains(newKey.substring(13)));
        String clientId = "K-" + unique();
        String ssn = TestSsns.random();
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":"
                + "\"Kai Key\",\"email\":\"" + clientId + "@example.com\",\"taxId\":\"" + ssn + "\",\"officeLocation\":1}")
                .status());
        assertEquals("XXX-XX-" + ssn.substring(5), get("/clients/" + clientId).json().path("taxId").asText());
    }

    @Test
    public void aKeyOtherThanTheOneTheTaxIdsWereEncryptedWithStopsTheRegisterAndChangesNothing() throws Exception {
        String clientId = "W-" + unique();
        String ssn = TestSsns.random();
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":"
                + "\"Wes Wrongkey\",\"email\":\"" + clientId + "@example.com\",\"taxId\":\"" + ssn + "\","
                + "\"officeLocation\":1}").status());
        String otherKey = executeCommand("atrium:master-key --new").lines().filter(l -> l.startsWith("master.key = "))
                .findFirst().orElseThrow();

        writeKeys(otherKey + "\n", "rw-------");

        await("the register refusing the other key", () -> get("/clients?size=1").status() == 503);
        writeKeys("master.key = " + embeddedMasterKey() + "\n", "rw-------");
        await("the register back with its own key", () -> get("/clients/" + clientId).status() == 200);
        assertEquals("XXX-XX-" + ssn.substring(5), get("/clients/" + clientId).json().path("taxId").asText());
        assertEquals(clientId, get("/clients?q=" + ssn).json().path("items").path(0).path("clientId").asText());
    }

    @Test
    public void upgradesADatabaseOfThePreviousReleaseOnDerby() throws Exception {
        String folder = System.getProperty("karaf.data") + "/derby/release-0.1-" + unique();
        DataSource database = dataSource("derby", "databaseName", folder, "createDatabase", "create");
        load(database, "derby");

        writeSettings("type = derby\nderby.directory = " + folder + "\n", "rw-------");

        assertUpgraded(database, "1-tables-derby");
    }

    @Test
    public void upgradesADatabaseOfThePreviousReleaseOnPostgresqlAndWorksThere() throws Exception {
        String name = newPostgresDatabase();
        DataSource database = postgresDataSource(name);
        load(database, "postgresql");

        writeSettings(postgresSettings(name), "rw-------");

        assertUpgraded(database, "1-tables-postgresql");
        assertEquals("PostgreSQL", databaseCheck().path("details").path("product").asText().split(" ")[0]);
        String clientId = "PG-" + unique();
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Pia Postgres\","
                + "\"email\":\"" + clientId + "@example.com\",\"taxId\":\"" + TestSsns.random() + "\",\"officeLocation\":2}").status());
        JsonNode found = get("/clients?q=pia%20postgres").json();
        assertEquals(1, found.path("total").asInt());
        assertEquals(204, delete("/clients/" + clientId).status());
        assertEquals(404, get("/clients/" + clientId).status());
    }

    @Test
    public void refusesADatabaseThatANewerVersionUpgradedAndChangesNothing() throws Exception {
        String name = newPostgresDatabase();
        DataSource database = postgresDataSource(name);
        load(database, "postgresql");
        writeSettings(postgresSettings(name), "rw-------");
        await("the fixture's client", () -> get("/clients/F-100").status() == 200);
        writeSettings(shippedSettings, "rw-------");
        await("the embedded database again", () -> get("/clients/F-100").status() == 404);
        execute(database, "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE) "
                + "VALUES ('99-from-a-newer-atrium', 'atrium', 'db/register.xml', CURRENT_TIMESTAMP, 99, 'EXECUTED')");
        long recorded = count(database, "SELECT COUNT(*) FROM DATABASECHANGELOG");

        writeSettings(postgresSettings(name), "rw-------");

        await("the database health to name the newer change set", () -> databaseCheck().path("summary").asText()
                .contains("99-from-a-newer-atrium"), () -> databaseCheck().toString());
        JsonNode check = databaseCheck();
        assertEquals("DOWN", check.path("status").asText());
        assertTrue(check.path("summary").asText(), check.path("summary").asText().contains("newer version of Atrium"));
        Reply clients = get("/clients/F-100");
        assertEquals("the register stays closed on that database", 503, clients.status());
        assertEquals("application/problem+json", clients.contentType());
        assertEquals(recorded, count(database, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
    }

    @Test
    public void anUnreachableDatabaseIsDownWithItsReasonNotAHang() throws Exception {
        int closedPort = FreePorts.next();
        writeSettings("type = postgresql\nurl = jdbc:postgresql://127.0.0.1:" + closedPort + "/atrium\nuser = " + ROLE
                + "\npassword = " + ROLE_PASSWORD + "\nconnectTimeout = 2\n", "rw-------");

        await("the database health to say it cannot reach the server", () -> databaseCheck().path("summary").asText()
                .toLowerCase(Locale.ROOT).contains("cannot reach"), () -> databaseCheck().toString());
        assertEquals("DOWN", databaseCheck().path("status").asText());
        long start = System.nanoTime();
        Reply clients = get("/clients?size=1");
        assertEquals(503, clients.status());
        assertTrue("answered at once, not after a connection timeout",
                (System.nanoTime() - start) / 1_000_000 < 2_000);
    }

    @Test
    public void aPasswordInASettingsFileAnyoneMayReadIsRefusedAndTheDatabaseStays() throws Exception {
        String clientId = "K-" + unique();
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"ENTITY\",\"name\":\"Kept LLC\","
                + "\"email\":\"" + clientId + "@example.com\",\"officeLocation\":1}").status());

        writeSettings(postgresSettings(newPostgresDatabase()), "rw-r--r--");

        await("the database health to ask for chmod 600", () -> databaseCheck().path("summary").asText()
                .contains("chmod 600"), () -> databaseCheck().toString());
        assertEquals("DOWN", databaseCheck().path("status").asText());
        assertEquals("the register stays on the database it had", 200, get("/clients/" + clientId).status());
    }

    @Test
    public void theConsoleCopiesTheEmbeddedDatabaseToPostgresqlWithEverythingAndTheSameKeys() throws Exception {
        String run = unique();
        String ssn = TestSsns.random();
        String spouseSsn = TestSsns.random();
        String clientId = "C-" + run;
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Cora "
                + run + "\",\"email\":\"cora-" + run + "@example.com\",\"taxId\":\"" + ssn + "\",\"officeLocation\":1,"
                + "\"spouse\":{\"name\":\"Cy " + run + "\",\"email\":\"cy-" + run + "@example.com\",\"taxId\":\"" + spouseSsn
                + "\"}}").status());
        JsonNode cora = get("/clients/" + clientId).json();
        assertEquals(200, patch("/clients/" + clientId, "{\"mobileNumber\":\"5551234567\",\"countryCode\":\"1\","
                + "\"version\":" + cora.path("version").asLong() + "}").status());
        assertEquals(200, put("/me/preferences/columns", "[\"clientId\",\"name\"]").status());
        String in30Days = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString();
        String token = post("/me/tokens", "{\"name\": \"copy " + run + "\", \"expiresAt\": \"" + in30Days + "\"}")
                .json().path("token").asText();
        long auditEntries = get("/audit?clientId=" + clientId).json().path("total").asLong();
        DataSource embedded = dataSource("derby", "databaseName", System.getProperty("karaf.data") + "/derby/atrium");
        byte[] waitingMessage = ("Subject: Your code\r\n\r\nwaiting for a retry " + run).getBytes(StandardCharsets.US_ASCII);
        queueForTomorrow(embedded, "retry-" + run, waitingMessage);
        String name = newPostgresDatabase();
        Path passwordFile = Files.createTempFile("atrium-db-password", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, ROLE_PASSWORD + "\n");

        String printed = executeCommand("atrium:migrate-database --url " + postgres.url(name) + " --user " + ROLE
                + " --password-file " + passwordFile);

        assertTrue(printed, printed.contains("Copied "));
        assertTrue(printed, printed.contains("type = postgresql"));
        assertTrue(printed, printed.contains("etc/atrium.keys.cfg"));
        assertFalse("the password is never shown", printed.contains(ROLE_PASSWORD));
        assertFalse("nor the key", printed.contains(embeddedMasterKey()));
        DataSource copy = postgresDataSource(name);
        for (String table : new String[] {"CLIENT", "CLIENT_EMAIL", "CLIENT_TERM", "AUDIT_EVENT", "OFFICE_LOCATION", "USER_GRANT",
            "USER_PREFERENCE", "API_TOKEN", "IMPORT_BATCH", "IMPORT_UNDO", "ID_GENERATOR", "PORTAL_ACCESS_CODE",
            "PORTAL_SESSION", "PORTAL_DROP_OFF", "PORTAL_ITEM", "MAIL_QUEUE", "CLIENT_INSTRUCTION"}) {
            assertEquals(table, count(embedded, "SELECT COUNT(*) FROM " + table), count(copy, "SELECT COUNT(*) FROM " + table));
        }
        assertArrayEquals("a message waiting in the queue keeps its content", waitingMessage,
                messageOf(copy, "retry-" + run));
        AssertionError refused = org.junit.Assert.assertThrows(AssertionError.class, () -> executeCommand(
                "atrium:migrate-database --url " + postgres.url(name) + " --user " + ROLE + " --password-file " + passwordFile));
        assertTrue(String.valueOf(refused.getCause()), refused.getCause().getMessage().contains("already holds data"));
        assertEquals(count(embedded, "SELECT COUNT(*) FROM CLIENT"), count(copy, "SELECT COUNT(*) FROM CLIENT"));

        writeSettings(postgresSettings(name), "rw-------");

        await("the register on the copy", () -> "PostgreSQL".equals(databaseCheck().path("details").path("product")
                .asText().split(" ")[0]) && get("/clients/" + clientId).status() == 200, () -> databaseCheck().toString());
        JsonNode copied = get("/clients/" + clientId).json();
        assertEquals("XXX-XX-" + ssn.substring(5), copied.path("taxId").asText());
        assertEquals("XXX-XX-" + spouseSsn.substring(5), copied.path("spouse").path("taxId").asText());
        assertEquals("5551234567", copied.path("mobileNumber").asText());
        assertEquals("the SSN's hash still finds the client", clientId, get("/clients?q=" + ssn).json().path("items")
                .path(0).path("clientId").asText());
        assertEquals(auditEntries, get("/audit?clientId=" + clientId).json().path("total").asLong());
        assertTrue(get("/me/preferences").body().contains("clientId"));
        assertEquals("the API token still signs in", 200, send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/clients/" + clientId)).header("Authorization", "Bearer " + token)).status());
    }

    /** The fixture's clients, audit trail and settings, readable and searchable after the upgrade, tax IDs encrypted. */
    private void assertUpgraded(DataSource database, String baseline) throws Exception {
        await("the fixture's clients through the API", () -> get("/clients/F-100").status() == 200,
                () -> databaseCheck().toString());
        await("the portal's tables too", () -> databaseCheck().path("details").path("schemas").path("portal").asText()
                .startsWith("2-"), () -> databaseCheck().toString());
        JsonNode couple = get("/clients/F-200").json();
        assertEquals("Marta Married", couple.path("name").asText());
        assertEquals("XXX-XX-7891", couple.path("taxId").asText());
        assertEquals("Sam Spouse", couple.path("spouse").path("name").asText());
        assertEquals("XXX-XX-4321", couple.path("spouse").path("taxId").asText());
        assertEquals(2, couple.path("officeLocation").asInt());
        assertEquals("INVITED", couple.path("status").asText());
        assertEquals("XX-XXX4567", get("/clients/F-300").json().path("taxId").asText());
        assertEquals("found by SSN", "F-100", get("/clients?q=123-45-6789").json().path("items").path(0).path("clientId").asText());
        assertEquals("found by the spouse's SSN", "F-200", get("/clients?q=987654321").json().path("items").path(0)
                .path("clientId").asText());
        assertEquals("found by the words of the spouse's name", "F-200", get("/clients?q=sam%20spo").json()
                .path("items").path(0).path("clientId").asText());
        assertEquals("and by part of a word", "F-200", get("/clients?q=arried").json().path("items").path(0)
                .path("clientId").asText());
        assertEquals(2, get("/audit?clientId=F-100").json().path("total").asInt());
        assertEquals("Riverside", get("/offices").json().findValues("name").stream().map(JsonNode::asText)
                .filter("Riverside"::equals).findFirst().orElse(""));

        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT TAX_ID, REFERENCE FROM CLIENT WHERE CLIENT_ID = 'F-100'")) {
            assertTrue(row.next());
            assertNotNull(row.getString(1));
            assertFalse("stored encrypted, not as the digits", row.getString(1).contains("6789"));
            assertNotNull("every client got its reference", row.getString(2));
        }
        assertEquals("the tables of 0.1 were kept as they were", "MARK_RAN", executionOf(database, baseline));
        assertEquals("the index a 0.1 database could lack was added", "EXECUTED",
                executionOf(database, "2-index-IX_PORTAL_ITEM_EMAIL"));
        assertEquals("MARK_RAN", executionOf(database, "2-index-IX_CLIENT_NAME_SORT"));
        assertEquals("the search words were added", "EXECUTED", executionOf(database,
                baseline.replace("1-tables-", "5-search-terms-")));
        assertTrue(indexed(database, "PORTAL_ITEM", "IX_PORTAL_ITEM_EMAIL"));
        assertTrue(indexed(database, "CLIENT", "IX_CLIENT_SPOUSE_INVITE_TOKEN"));
        assertEquals("UP", databaseCheck().path("status").asText());
        assertFalse(databaseCheck().path("details").path("schemas").path("register").isMissingNode());

        assertEquals("a new client after the fixture's keys", 201, post("/clients", "{\"clientId\":\"N-" + unique()
                + "\",\"type\":\"ENTITY\",\"name\":\"New LLC\",\"email\":\"new-" + unique()
                + "@example.com\",\"officeLocation\":1}").status());
        JsonNode fiona = get("/clients/F-100").json();
        Reply renamed = patch("/clients/F-100", "{\"name\":\"Fiona Upgraded\",\"version\":" + fiona.path("version").asLong() + "}");
        assertEquals(renamed.body(), 200, renamed.status());
        assertNotEquals(fiona.path("version").asLong(), renamed.json().path("version").asLong());
    }

    // --- the settings file, as an operator edits it

    private static Path settingsFile() {
        return Path.of(System.getProperty("karaf.etc"), "atrium.database.cfg");
    }

    private static void writeSettings(String content, String permissions) throws IOException {
        replace(settingsFile(), content, permissions);
    }

    /** Replaces a file of etc/ in one step, with the given permissions, as an editor saving it would. */
    private static void replace(Path file, String content, String permissions) throws IOException {
        Path draft = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        Files.writeString(draft, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString(permissions));
        Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path keysFile() {
        return Path.of(System.getProperty("karaf.etc"), "atrium.keys.cfg");
    }

    private static void writeKeys(String content, String permissions) throws IOException {
        replace(keysFile(), content, permissions);
    }

    /** The key embedded Derby made on first start. */
    private static String embeddedMasterKey() throws IOException {
        return Files.readString(Path.of(System.getProperty("karaf.data"), "atrium", "master.key")).strip();
    }

    /** What a command prints, or nothing while the console's commands wait for the register. */
    private String consoleOutput(String command) {
        try {
            return executeCommand(command);
        } catch (AssertionError | RuntimeException notYet) {
            return "";
        }
    }

    private JsonNode keysCheck() {
        return get("/health").json().path("checks").path("keys");
    }

    private String postgresSettings(String database) {
        return "type = postgresql\nurl = " + postgres.url(database) + "\nuser = " + ROLE + "\npassword = " + ROLE_PASSWORD + "\n";
    }

    private JsonNode databaseCheck() {
        return get("/health").json().path("checks").path("database");
    }

    // --- databases

    /** A fresh, empty PostgreSQL database owned by Atrium's role. */
    private String newPostgresDatabase() throws Exception {
        String name = "atrium_" + unique();
        DataSource admin = dataSource("PostgreSQL JDBC Driver", "url", postgres.url("postgres"), "user",
                PostgresServer.ADMIN, "password", PostgresServer.ADMIN_PASSWORD);
        if (count(admin, "SELECT COUNT(*) FROM pg_roles WHERE rolname = '" + ROLE + "'") == 0) {
            execute(admin, "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
        }
        execute(admin, "CREATE DATABASE " + name + " OWNER " + ROLE);
        return name;
    }

    private DataSource postgresDataSource(String database) throws Exception {
        return dataSource("PostgreSQL JDBC Driver", "url", postgres.url(database), "user", ROLE, "password", ROLE_PASSWORD);
    }

    /** A plain data source from the driver's own factory, as pax-jdbc uses it. */
    private DataSource dataSource(String driver, String... properties) throws Exception {
        ServiceReference<DataSourceFactory> factory = bundleContext.getServiceReferences(DataSourceFactory.class,
                "(" + DataSourceFactory.OSGI_JDBC_DRIVER_NAME + "=" + driver + ")").iterator().next();
        Properties settings = new Properties();
        for (int i = 0; i < properties.length; i += 2) {
            settings.setProperty(properties[i], properties[i + 1]);
        }
        return bundleContext.getService(factory).createDataSource(settings);
    }

    /** Runs fixtures/atrium-0.1/{backend}.sql, a database as the previous release left it. */
    private static void load(DataSource database, String backend) throws Exception {
        String script;
        try (InputStream in = DatabaseIT.class.getResourceAsStream("/fixtures/atrium-0.1/" + backend + ".sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : script.split(";\\s*\\n")) {
                String withoutComments = sql.replaceAll("(?m)^--.*$", "").strip();
                if (!withoutComments.isEmpty()) {
                    statement.execute(withoutComments);
                }
            }
        }
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A message in the mail queue, as one whose delivery failed and is tried again tomorrow. */
    private static void queueForTomorrow(DataSource database, String id, byte[] eml) throws SQLException {
        long now = System.currentTimeMillis();
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO MAIL_QUEUE (ID, RECIPIENTS, SUBJECT, STATE, ATTEMPTS, QUEUED_AT, NEXT_ATTEMPT_AT, MESSAGE) "
                        + "VALUES (?, 'ann@example.com', 'Your code', 'QUEUED', 1, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setLong(2, now);
            insert.setLong(3, now + 86_400_000L);
            insert.setBytes(4, eml);
            insert.executeUpdate();
        }
    }

    private static byte[] messageOf(DataSource database, String id) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT MESSAGE FROM MAIL_QUEUE WHERE ID = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    private static long count(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String executionOf(DataSource database, String changeSet) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT EXECTYPE FROM DATABASECHANGELOG WHERE ID = '" + changeSet + "'")) {
            return row.next() ? row.getString(1) : "not recorded";
        }
    }

    private static boolean indexed(DataSource database, String table, String index) throws SQLException {
        try (Connection connection = database.getConnection()) {
            for (String name : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
                try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, name, false, false)) {
                    while (indexes.next()) {
                        if (index.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
