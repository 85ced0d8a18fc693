package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A firm's own bundle, as the example extension shows one: installed at run time it changes what the
 * register accepts (REST and import) and what an export offers, and posts every event to the firm's
 * system (a receiver on loopback here), signed, waiting while it is down; uninstalled, the plain behaviour
 * is back, without a restart of anything else.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExtensionIT extends AtriumTestSupport {

    private String run;

    @Before
    public void setUp() {
        awaitRestApi();
        run = unique();
    }

    private Reply create(String clientId) {
        return post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Ext " + clientId
                + "\",\"email\":\"" + clientId + "@example.com\",\"officeLocation\":1}");
    }

    @Test
    public void theExampleExtensionAddsAClientIdRuleAndAColumnWhileItIsInstalled() throws Exception {
        assertEquals("without the extension any client ID goes", 201, create("A-" + run).status());
        List<Object> servicesBefore = atriumServiceIds();

        executeCommand("feature:install atrium-example-extension");
        await("the firm's rule to apply", () -> create("B-" + run).status() == 400);

        Reply refused = create("C-" + run);
        assertEquals(refused.body(), 400, refused.status());
        JsonNode error = refused.json().get("errors").get(0);
        assertEquals("clientId", error.get("field").asText());
        assertTrue(error.toString(), error.get("message").asText().contains("pattern [0-9]{6}"));
        String sixDigits = String.valueOf(100_000 + Math.floorMod(run.hashCode(), 900_000));
        assertEquals(201, create(sixDigits).status());

        Reply upload = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/imports")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(ImportIT.HEADER + "\r\n"
                        + "Individual,I-" + run + ",Imported Person,i-" + run + "@example.com,,,,,1,,,,,,,\r\n",
                        StandardCharsets.UTF_8)));
        assertEquals(upload.body(), 202, upload.status());
        String job = "/imports/" + upload.json().get("id").asText();
        await("the import to finish", () -> List.of("SUCCEEDED", "FAILED").contains(get(job).json().path("state").asText()));
        assertEquals("FAILED", get(job).json().get("state").asText());
        String errors = get(job + "/errors").body();
        assertTrue("the row and column of the firm's rule: " + errors, errors.contains("2,I-" + run + ",Client ID,"));
        assertTrue(errors, errors.contains("does not follow the firm's pattern [0-9]{6}."));

        assertTrue(get("/exports/columns").body().contains("\"filingStatus\""));
        String csv = get("/exports/clients.csv?columns=clientId,filingStatus&q=" + sixDigits).body();
        assertTrue(csv, csv.contains("Client ID,Filing status"));
        assertTrue(csv, csv.contains(sixDigits + ",Single or separate"));

        executeCommand("feature:uninstall atrium-example-extension");
        await("the plain rules to be back", () -> create("D-" + run).status() == 201);
        assertFalse(get("/exports/columns").body().contains("\"filingStatus\""));
        assertEquals("the register kept answering", 200, get("/clients/A-" + run).status());
        assertEquals("nothing of Atrium restarted", servicesBefore, atriumServiceIds());
    }

    /** The register's, the exporter's and the importer's services: a restart would give them new IDs. */
    private List<Object> atriumServiceIds() {
        return java.util.stream.Stream.of(org.atrium.api.client.ClientRegister.class,
                org.atrium.api.export.ClientExports.class, org.atrium.api.imports.ClientImportJobs.class)
                .map(type -> bundleContext.getServiceReference(type).getProperty(org.osgi.framework.Constants.SERVICE_ID))
                .toList();
    }

    @Test
    public void theExampleWebhookPostsEachEventOnceSignedAndWaitsForADeadReceiver() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (down.get()) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(exchange.getRequestHeaders().getFirst("X-Atrium-Signature") + " " + body);
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        executeCommand("feature:install atrium-example-extension");
        // the feature's etc/atrium.example.cfg, once Karaf has read it
        await("the example's configuration", () -> configuration().isPresent());
        org.osgi.service.cm.Configuration config = configuration().orElseThrow();
        java.util.Dictionary<String, Object> properties = config.getProperties();
        properties.put("webhook.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        properties.put("webhook.secret", "firm-secret-" + run);
        properties.put("webhook.retry.max.seconds", "2");
        config.update(properties);
        try {
            // a new client each time until the webhook, configured a moment ago, sends its event
            java.util.concurrent.atomic.AtomicInteger attempt = new java.util.concurrent.atomic.AtomicInteger();
            String[] created = new String[1];
            await("the webhook to be on", () -> {
                created[0] = String.valueOf(200_000 + Math.floorMod(run.hashCode() + attempt.incrementAndGet(), 100_000));
                assertEquals(201, create(created[0]).status());
                return received.stream().anyMatch(r -> r.contains("\"clientId\":\"" + created[0] + "\""));
            });
            String first = created[0];
            String delivery = received.stream().filter(r -> r.contains("\"clientId\":\"" + first + "\"")).findFirst()
                    .orElseThrow();
            String body = delivery.substring(delivery.indexOf(' ') + 1);
            assertEquals(expectedSignature("firm-secret-" + run, body), delivery.substring(0, delivery.indexOf(' ')));
            assertTrue(body, body.contains("\"topic\":\"org/atrium/client/CREATED\"") && body.contains("\"time\":\""));

            down.set(true);
            String second = String.valueOf(300_000 + Math.floorMod(run.hashCode(), 100_000));
            assertEquals("a dead receiver holds nothing up", 201, create(second).status());
            assertEquals(200, put("/clients/" + second + "/portal-access", "{\"enabled\":false}").status());
            down.set(false);
            await("the events kept for the receiver", () -> received.stream()
                    .anyMatch(r -> r.contains("PORTAL_ACCESS_CHANGED") && r.contains(second)));
            List<String> ids = received.stream().map(r -> r.substring(r.indexOf("\"id\":\"") + 6, r.indexOf("\",")))
                    .toList();
            assertEquals("each event once: " + ids, ids.size(), new java.util.HashSet<>(ids).size());
            for (String each : received) {
                String signed = each.substring(each.indexOf(' ') + 1);
                assertEquals("every delivery signed", expectedSignature("firm-secret-" + run, signed),
                        each.substring(0, each.indexOf(' ')));
            }
            assertEquals("created before its update", 1, received.stream()
                    .filter(r -> r.contains("CREATED") && r.contains("\"" + second + "\"")).count());
        } finally {
            properties.put("webhook.url", "");
            config.update(properties);
            executeCommand("feature:uninstall atrium-example-extension");
            receiver.stop(0);
        }
    }

    private java.util.Optional<org.osgi.service.cm.Configuration> configuration() {
        try {
            org.osgi.service.cm.Configuration[] found = bundleContext.getService(bundleContext.getServiceReference(
                    org.osgi.service.cm.ConfigurationAdmin.class)).listConfigurations("(service.pid=atrium.example)");
            return found == null ? java.util.Optional.empty() : java.util.Optional.of(found[0]);
        } catch (java.io.IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String expectedSignature(String secret, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
