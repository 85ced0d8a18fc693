package org.atrium.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.atrium.api.event.AtriumTopics;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A deleted client's documents, delivered items and sessions never reach another taxpayer, whatever client ID
 * or email address the other has: everything is tied to the client's reference. Deleted with the client by
 * default, kept for administrators under a retention, caught up with when the portal was away during the
 * delete, and joined to their clients when a database of the earlier schema is upgraded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeletedClientIT extends PortalTestSupport {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    public void aDeletedClientsDocumentsReachNoLaterClientWithItsIdOrEmail() throws Exception {
        String clientId = "5" + run;
        String email = "olga-" + run + "@example.com";
        Uploaded olga = registeredWithUpload(clientId, "Olga First", email, "olga-w2.pdf");
        String token = olga.token();
        String dropOffId = olga.dropOffId();
        String reference = get("/clients/" + clientId).json().get("reference").asText();
        assertTrue(reference, reference.matches(UUID_PATTERN));
        assertEquals(1, portal("GET", "/api/v1/me", null, token).json().get("items").size());
        assertEquals("the reference stays through an edit", reference, put("/clients/" + clientId,
                get("/clients/" + clientId).json().toString().replace("Olga First", "Olga W. First")).json()
                .get("reference").asText());

        assertEquals(204, delete("/clients/" + clientId).status());
        assertEquals("the deleted client's session ends", 401, portal("GET", "/api/v1/me", null, token).status());
        await("the drop-off to be deleted with the client", () -> !Files.exists(dropOffFile(dropOffId)));

        // staff of another office create a different taxpayer with the same client ID and email address
        assertEquals(200, put("/users/staff", "{\"offices\":[2]}").status());
        Reply other = as("staff", STAFF_PASSWORD, "POST", "/clients", "{\"clientId\":\"" + clientId + "\",\"type\":"
                + "\"INDIVIDUAL\",\"name\":\"Olga Second\",\"email\":\"" + email + "\",\"officeLocation\":2,"
                + "\"dropOffAccess\":true}");
        assertEquals(other.body(), 201, other.status());
        assertNotEquals("a new client has a new reference", reference, other.json().get("reference").asText());
        Reply listed = as("staff", STAFF_PASSWORD, "GET", "/clients/" + clientId + "/drop-offs", null);
        assertEquals(listed.body(), 200, listed.status());
        assertEquals("no drop-off of the deleted client", 0, listed.json().size());
        assertEquals(404, as("staff", STAFF_PASSWORD, "GET", "/clients/" + clientId + "/drop-offs/" + dropOffId, null)
                .status());
        JsonNode view = as("staff", STAFF_PASSWORD, "GET", "/clients/" + clientId + "/portal-view", null).json();
        assertEquals(view.toString(), 0, view.get("uploads").size());
        assertEquals(view.toString(), 0, view.get("items").size());

        assertEquals("the deleted client's link registers nobody", 400, portal("POST", "/api/v1/registrations",
                "{\"token\":\"" + link(email, 1).group(2) + "\"}", null).status());
        String newToken = registerAndSignIn(clientId, email, 2);
        JsonNode me = portal("GET", "/api/v1/me", null, newToken).json();
        assertEquals("Olga Second", me.get("name").asText());
        assertEquals(me.toString(), 0, me.get("uploads").size());
        assertEquals("only the new client's own invitation", 1, me.get("items").size());
        assertFalse(me.toString(), me.toString().contains("olga-w2.pdf"));
        assertEquals("the old session stays ended", 401, portal("GET", "/api/v1/me", null, token).status());

        Reply export = as("admin", "admin", "GET", "/exports/clients.csv?q=" + clientId
                + "&columns=clientId,name,registeredAt,lastSignInAt", null);
        assertEquals(export.body(), 200, export.status());
        assertTrue(export.body(), export.body().contains("Olga Second"));
        assertFalse(export.body(), export.body().contains("Olga W. First"));
        String trail = get("/audit?clientId=" + clientId).body();
        assertTrue(trail, trail.contains("DROP_OFF_REMOVED") && trail.contains("deleted with the client"));
        assertFalse("nothing kept without a retention", get("/drop-offs/detached").body().contains(dropOffId));
    }

    @Test
    public void aRetentionKeepsADeletedClientsDropOffsForAdministratorsOnly() throws Exception {
        Path cfg = Path.of(System.getProperty("karaf.etc"), "atrium.portal.cfg");
        String shipped = Files.readString(cfg);
        String clientId = "K" + run;
        String dropOffId;
        byte[] scan;
        try {
            // the test Karaf's file holds the settings Pax Exam wrote (the feature does not overwrite it)
            Files.writeString(cfg, shipped.replaceAll("(?m)^deleted\\.client\\.retention\\.days.*$", "")
                    + "\ndeleted.client.retention.days = 30\n");
            await("the retention to apply", () -> get("/drop-offs/detached").json().path("retentionDays").asInt() == 30);
            Uploaded kim = registeredWithUpload(clientId, "Kim Kept", "kept-" + run + "@example.com", "kim-1099.pdf");
            scan = kim.content();
            dropOffId = kim.dropOffId();
            assertEquals(204, delete("/clients/" + clientId).status());

            String id = dropOffId;
            await("the drop-off to be listed as a deleted client's", () -> get("/drop-offs/detached").body()
                    .contains(id));
            JsonNode kept = detached(id);
            assertEquals(clientId, kept.get("clientId").asText());
            assertEquals("kim-1099.pdf", kept.get("fileName").asText());
            assertEquals(Instant.parse(kept.get("clientDeletedAt").asText()).plusSeconds(30L * 24 * 3600),
                    Instant.parse(kept.get("deleteAfter").asText()));
            assertEquals("administrators only", 403, as("staff", STAFF_PASSWORD, "GET", "/drop-offs/detached", null)
                    .status());
            assertEquals(403, as("staff", STAFF_PASSWORD, "GET", "/drop-offs/detached/" + id, null).status());
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                    + "/drop-offs/detached/" + id)).header("Authorization", basic("admin", "admin")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(scan, download.body());

            client(clientId, "Kai Later", "kai-" + run + "@example.com", ",\"dropOffAccess\":true");
            assertEquals("never under a later client with the ID", 0, get("/clients/" + clientId + "/drop-offs")
                    .json().size());
            assertEquals(404, get("/clients/" + clientId + "/drop-offs/" + id).status());
        } finally {
            Files.writeString(cfg, shipped);
        }
        String id = dropOffId;
        await("no retention: the kept drop-off goes", () -> !get("/drop-offs/detached").body().contains(id)
                && !Files.exists(dropOffFile(id)));
        assertEquals(404, get("/drop-offs/detached/" + id).status());
    }

    @Test
    public void importsAndRevertsPostEventsWithTheClientsReferences() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, new String[] {AtriumTopics.CLIENT_ALL, AtriumTopics.IMPORT_ALL});
        ServiceRegistration<EventHandler> listening = bundleContext.registerService(EventHandler.class, events::add,
                topics);
        try {
            String clientId = "I" + run;
            String csv = "Client Type,Client ID,Name,Email Address,SSN/EIN,Date of Birth,Country Code,Mobile Number,"
                    + "Office Location,Spouse Name,Spouse Email Address,Spouse SSN,Spouse Date of Birth,"
                    + "Spouse Country Code,Spouse Mobile Number,Spouse Signs First\r\nIndividual," + clientId
                    + ",Ivy Import,ivy-" + run + "@example.com,,,,,1,,,,,,,\r\n";
            Reply accepted = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/imports"))
                    .header("Authorization", basic("admin", "admin")).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv)));
            assertEquals(accepted.body(), 202, accepted.status());
            String importId = accepted.json().get("id").asText();
            JsonNode[] job = new JsonNode[1];
            await("the import", () -> {
                job[0] = get("/imports/" + importId).json();
                return List.of("SUCCEEDED", "FAILED").contains(job[0].path("state").asText());
            });
            assertEquals(job[0].toString(), "SUCCEEDED", job[0].get("state").asText());
            String reference = get("/clients/" + clientId).json().get("reference").asText();
            assertTrue(reference, reference.matches(UUID_PATTERN));
            await("the import's events", () -> event(events, AtriumTopics.IMPORTED, importId) != null);
            Event created = event(events, AtriumTopics.CLIENT_CREATED, importId);
            assertEquals(clientId, created.getProperty(AtriumTopics.PROPERTY_CLIENT_ID));
            assertEquals(reference, created.getProperty(AtriumTopics.PROPERTY_CLIENT_REFERENCE));
            assertEquals(1L, event(events, AtriumTopics.IMPORTED, importId).getProperty(AtriumTopics.PROPERTY_CREATED));

            assertEquals(200, post("/imports/" + importId + "/revert", "").status());
            assertEquals(404, get("/clients/" + clientId).status());
            await("the revert's events", () -> event(events, AtriumTopics.IMPORT_REVERTED, importId) != null);
            Event deleted = event(events, AtriumTopics.CLIENT_DELETED, importId);
            assertEquals("the created client's delete", reference, deleted.getProperty(
                    AtriumTopics.PROPERTY_CLIENT_REFERENCE));
            assertEquals(1L, event(events, AtriumTopics.IMPORT_REVERTED, importId)
                    .getProperty(AtriumTopics.PROPERTY_DELETED));

            client(clientId, "Ivy Again", "ivy-" + run + "@example.com", "");
            assertNotEquals("the ID again, not the client", reference, get("/clients/" + clientId).json()
                    .get("reference").asText());
        } finally {
            listening.unregister();
        }
    }

    @Test
    public void thePortalCatchesUpWithDeletesMadeWhileItWasAway() throws Exception {
        String clientId = "W" + run;
        String email = "wes-" + run + "@example.com";
        Uploaded wes = registeredWithUpload(clientId, "Wes Away", email, "wes-w2.pdf");
        String token = wes.token();
        String dropOffId = wes.dropOffId();

        executeCommand("feature:uninstall atrium-portal");
        try {
            await("the portal to be gone", () -> portal("GET", "/", null, null).status() == 404);
            assertEquals(204, delete("/clients/" + clientId).status());
            client(clientId, "Wes Later", email, ",\"dropOffAccess\":true");
        } finally {
            executeCommand("feature:install atrium-portal");
        }
        await("the portal to be back", () -> portal("GET", "/", null, null).status() == 200);
        await("the deleted client's drop-off to go", () -> !Files.exists(dropOffFile(dropOffId)));
        assertEquals(401, portal("GET", "/api/v1/me", null, token).status());
        await("the drop-off route to be back", () -> get("/clients/" + clientId + "/drop-offs").status() == 200);
        assertEquals(0, get("/clients/" + clientId + "/drop-offs").json().size());
        JsonNode view = get("/clients/" + clientId + "/portal-view").json();
        assertEquals(view.toString(), 0, view.get("uploads").size());
        assertEquals(view.toString(), 0, view.get("items").size());
    }

    @Test
    public void aDatabaseOfTheEarlierSchemaIsUpgradedInPlace() throws Exception {
        String keptId = "U" + run;
        String keptEmail = "una-" + run + "@example.com";
        Uploaded una = registeredWithUpload(keptId, "Una Upgrade", keptEmail, "una-w2.pdf");
        String token = una.token();
        String joined = una.dropOffId();
        String laterId = "V" + run;
        client(laterId, "Vic Later", "vic-" + run + "@example.com", "");
        Instant laterCreated = Instant.parse(get("/clients/" + laterId).json().get("createdAt").asText());

        // what a database of the earlier version holds: no references, no unique constraint on them, and a
        // drop-off of a client deleted before Vic was given the same client ID
        String orphan = UUID.randomUUID().toString();
        Files.write(dropOffFile(orphan), pdf());
        Bundle registry = bundle("org.atrium.registry");
        registry.stop();
        try (Connection connection = dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("ALTER TABLE CLIENT DROP CONSTRAINT UQ_CLIENT_REF");
            sql.executeUpdate("UPDATE CLIENT SET REFERENCE = NULL");
            sql.executeUpdate("UPDATE PORTAL_DROP_OFF SET CLIENT_REFERENCE = NULL");
            sql.executeUpdate("UPDATE PORTAL_ITEM SET CLIENT_REFERENCE = NULL");
            sql.executeUpdate("UPDATE PORTAL_SESSION SET CLIENT_REFERENCE = NULL, PERSON = NULL");
            sql.executeUpdate("UPDATE PORTAL_ACCESS_CODE SET CLIENT_REFERENCE = NULL");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO PORTAL_DROP_OFF (ID, CLIENT_ID,"
                    + " CLIENT_ID_KEY, PERSON, FILE_NAME, CONTENT_TYPE, SIZE_BYTES, SHA256, RECEIVED_AT)"
                    + " VALUES (?, ?, ?, 'TAXPAYER', 'earlier-client.pdf', 'application/pdf', 10, ?, ?)")) {
                insert.setString(1, orphan);
                insert.setString(2, laterId);
                insert.setString(3, laterId.toLowerCase(Locale.ROOT));
                insert.setString(4, "0".repeat(64));
                insert.setTimestamp(5, Timestamp.from(laterCreated.minusSeconds(3600)));
                insert.executeUpdate();
            }
        }
        registry.start();

        await("the register with its references", () -> get("/clients/" + keptId).json().path("reference").asText()
                .matches(UUID_PATTERN));
        await("the earlier drop-off to join its client", () -> get("/clients/" + keptId + "/drop-offs").body()
                .contains(joined));
        await("the earlier client's drop-off to go", () -> !Files.exists(dropOffFile(orphan)));
        assertFalse(get("/clients/" + laterId + "/drop-offs").body().contains("earlier-client.pdf"));
        JsonNode me = portal("GET", "/api/v1/me", null, token).json();
        assertEquals("the session joined its person", "Una Upgrade", me.path("name").asText());
        assertEquals(me.toString(), 1, me.get("items").size());
        try (Connection connection = dataSource().getConnection(); Statement sql = connection.createStatement();
                ResultSet missing = sql.executeQuery("SELECT COUNT(*) FROM CLIENT WHERE REFERENCE IS NULL")) {
            missing.next();
            assertEquals("every client has a reference", 0, missing.getInt(1));
        }
        // the unique constraint is back, on either database: a second client with Una's reference is refused
        try (Connection connection = dataSource().getConnection(); Statement sql = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> sql.executeUpdate(
                    "UPDATE CLIENT SET REFERENCE = (SELECT REFERENCE FROM CLIENT WHERE CLIENT_ID = '" + keptId
                            + "') WHERE CLIENT_ID = '" + laterId + "'"));
            assertTrue(refused.getMessage(), refused.getSQLState().startsWith("23")); // integrity constraint violation
        }
    }

    // --- helpers

    /** A registered, signed-in client with drop-off on and one document dropped off. */
    private record Uploaded(String token, String dropOffId, byte[] content) {
    }

    private Uploaded registeredWithUpload(String clientId, String name, String email, String fileName)
            throws Exception {
        client(clientId, name, email, ",\"dropOffAccess\":true");
        String token = registerAndSignIn(clientId, email);
        byte[] content = pdf();
        Reply received = upload(token, fileName, "application/pdf", content);
        assertEquals(received.body(), 201, received.status());
        return new Uploaded(token, received.json().get("id").asText(), content);
    }

    private static byte[] pdf() {
        return ("%PDF-1.7\n" + UUID.randomUUID() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static Path dropOffFile(String id) {
        return karafData().resolve("atrium/drop-off").resolve(id);
    }

    private JsonNode detached(String id) {
        for (JsonNode dropOff : get("/drop-offs/detached").json().get("dropOffs")) {
            if (dropOff.get("id").asText().equals(id)) {
                return dropOff;
            }
        }
        throw new AssertionError("drop-off " + id + " is not listed as a deleted client's");
    }

    private static Event event(List<Event> events, String topic, String importId) {
        return events.stream().filter(event -> event.getTopic().equals(topic)
                && importId.equals(event.getProperty(AtriumTopics.PROPERTY_IMPORT_ID))).findFirst().orElse(null);
    }

    private DataSource dataSource() throws Exception {
        Collection<ServiceReference<DataSource>> references = bundleContext.getServiceReferences(DataSource.class,
                "(osgi.jndi.service.name=atrium)");
        return bundleContext.getService(references.iterator().next());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
