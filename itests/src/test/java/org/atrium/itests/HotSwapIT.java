package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Hot swap: while an operator installs and removes features with plain feature:install and
 * feature:uninstall, the register keeps answering every request, and no bundle stops except the ones of
 * the feature being swapped. (With Karaf's stock jpa + eclipselink features every such operation
 * refreshed the JPA stack and the register; see bundles/atrium-jpa-api/bnd.bnd.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends AtriumTestSupport {

    /** Karaf's karaf.systemBundlesStartLevel: bundle:update asks before it touches a bundle below it. */
    static final int SYSTEM_BUNDLES_START_LEVEL = 50;

    /**
     * The bundles whose update takes the register's endpoints away for a moment (atrium-database: the tables
     * are checked again before the register reopens; atrium-keys: the register starts again with the keys).
     */
    static final Set<String> REGISTER_AND_BELOW = Set.of("org.atrium.registry", "org.atrium.rest", "org.atrium.database",
            "org.atrium.keys");
    /** The bundles whose update takes the portal page away for a moment. */
    static final Set<String> PORTAL_AND_BELOW = Set.of("org.atrium.portal", "org.atrium.database", "org.atrium.keys");

    /** Requests that must still succeed after the last feature operation, to catch a late refresh. */
    static final int REQUESTS_AFTER_LAST_OPERATION = 200;

    /** Keeps the first few failures for the message and counts all. */
    private static void record(List<String> failures, AtomicInteger failed, String failure) {
        if (failed.incrementAndGet() <= 10) {
            failures.add(failure);
        }
    }

    private int portalPage() {
        return page("/portal/");
    }

    /** The staff web application's page. */
    private int staffPage() {
        return page("/atrium/");
    }

    private int page(String path) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                + System.getProperty(HTTP_PORT_PROPERTY) + path)).GET()).status();
    }

    @Before
    public void setUp() {
        awaitRestApi();
    }

    @Test
    public void swappingFeaturesNeverDisturbsTheRegister() throws Exception {
        String clientId = "H" + unique();
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Hot "
                + clientId + "\",\"email\":\"" + clientId + "@example.com\",\"officeLocation\":1}").status());

        for (int i = 0; i < 3; i++) { // failed sign-ins before the swaps must still count after them
            assertEquals(401, signInAsSwappy("wrong-" + i));
        }

        Set<String> stoppedBundles = ConcurrentHashMap.newKeySet();
        Set<String> removedBundles = ConcurrentHashMap.newKeySet();
        BundleListener stops = event -> {
            if (event.getType() == BundleEvent.STOPPED || event.getType() == BundleEvent.UNRESOLVED) {
                stoppedBundles.add(event.getBundle().getSymbolicName());
            }
            if (event.getType() == BundleEvent.UNINSTALLED) {
                removedBundles.add(event.getBundle().getSymbolicName());
            }
        };
        bundleContext.addBundleListener(stops);

        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread traffic = new Thread(() -> {
            while (running.get()) {
                Reply one = get("/clients/" + clientId);
                Reply search = get("/clients?q=" + clientId);
                if (one.status() != 200) {
                    record(failures, failed, "GET /clients/" + clientId + " -> " + one.status());
                }
                if (search.status() != 200 || !search.body().contains(clientId)) {
                    record(failures, failed, "GET /clients?q=" + clientId + " -> " + search.status());
                }
                requests.addAndGet(2);
            }
        }, "steady-traffic");
        traffic.start();
        try {
            // another product's feature, in and out
            executeCommand("feature:install scheduler");
            assertTrue(executeCommand("feature:list -i").contains("scheduler"));
            executeCommand("feature:uninstall scheduler");

            // our own capabilities, out and back in with the plain commands, as the distribution boots each
            // of them: the console, mailer, client instructions, onboarding, importer, exporter, SMS, portal and
            // staff web application features, among them bundles that contribute REST endpoints
            String optional = "atrium-console atrium-mailer atrium-instructions atrium-onboarding atrium-importer "
                    + "atrium-exporter atrium-sms-otp atrium-portal atrium-web";
            String installed = executeCommand("feature:list -i");
            for (String feature : optional.split(" ")) {
                assertTrue(feature + " is listed as installed", installed.contains(feature + " "));
            }
            executeCommand("feature:uninstall " + optional);
            assertTrue("the console capability is gone", executeCommand("help atrium").isBlank()
                    || !executeCommand("help atrium").contains("client-list"));
            assertEquals("the mailer's endpoint is gone", 404, get("/mail/outbox").status());
            assertEquals("the importer's endpoint is gone", 404, get("/imports").status());
            assertEquals("the exporter's endpoint is gone", 404, get("/exports/columns").status());
            assertEquals("the client portal is gone", 404, portalPage());
            assertEquals("the staff web application is gone", 404, staffPage());
            Reply mailGone = get("/mail/outbox");
            assertEquals("a removed feature's path is a problem too", "application/problem+json", mailGone.contentType());
            executeCommand("feature:install " + optional);
            await("the mailer's endpoint to be back", () -> get("/mail/outbox").status() == 200);
            await("the importer's endpoint to be back", () -> get("/imports").status() == 200);
            await("the exporter's endpoint to be back", () -> get("/exports/columns").status() == 200);
            await("the client portal to be back", () -> portalPage() == 200);
            await("the staff web application to be back", () -> staffPage() == 200);

            // the staff web application alone: the API and the portal stay
            executeCommand("feature:uninstall atrium-web");
            assertEquals("the staff web application is gone", 404, staffPage());
            assertEquals("the portal stays", 200, portalPage());
            assertEquals("the API stays", 200, get("/offices").status());
            executeCommand("feature:install atrium-web");
            await("the staff web application to be back", () -> staffPage() == 200);

            // the exporter alone (with POI, wrapped)
            executeCommand("feature:uninstall atrium-exporter");
            assertFalse("exporter gone", executeCommand("feature:list -i").contains("atrium-exporter "));
            assertEquals("the exporter's endpoint is gone", 404, get("/exports/clients.xlsx").status());
            assertEquals("the importer stays", 200, get("/imports").status());
            assertEquals("the mailer stays", 200, get("/mail/outbox").status());
            executeCommand("feature:install atrium-exporter");
            await("the exporter's endpoint to be back", () -> get("/exports/columns").status() == 200);

            awaitMoreRequests(requests, REQUESTS_AFTER_LAST_OPERATION);
        } finally {
            running.set(false);
            traffic.join();
            bundleContext.removeBundleListener(stops);
        }

        assertEquals("failed requests of " + requests.get() + " sent; the first ones: " + failures, 0, failed.get());
        stoppedBundles.removeAll(removedBundles); // the swapped features' own bundles
        assertTrue(removedBundles.toString(), removedBundles.containsAll(Set.of("org.apache.karaf.scheduler.core",
                "org.atrium.shell", "org.atrium.mailer", "org.atrium.instructions", "org.atrium.onboarding",
                "org.atrium.importer", "org.atrium.exporter", "org.apache.poi.ooxml", "org.atrium.portal",
                "org.atrium.sms", "org.atrium.web")));
        assertEquals("no bundle but the swapped features' own stopped", Set.of(), stoppedBundles);
        assertTrue(executeCommand("atrium:client-show " + clientId).contains("Hot " + clientId));

        assertEquals(401, signInAsSwappy("wrong-3"));
        assertEquals(401, signInAsSwappy("wrong-4"));
        assertEquals("locked after five failures in all, feature swaps in between", 401, signInAsSwappy("swappy-pw"));
    }

    /**
     * A bundle:update of each Atrium bundle, as an operator deploys a new build of one, while reads and writes
     * keep coming: the rest keeps answering, the updated part answers 503 (problem+json, Retry-After) for
     * the moment it is away and works again after, and no acknowledged write is lost.
     */
    @Test
    public void updatingEachAtriumBundleUnderTrafficLosesNothing() throws Exception {
        String clientId = "U" + unique();
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Upd "
                + clientId + "\",\"email\":\"" + clientId + "@example.com\",\"officeLocation\":1}").status());
        await("Atrium to report itself UP", () -> get("/health").status() == 200);

        AtomicReference<String> updating = new AtomicReference<>("none");
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        String[] reads = {"/clients/" + clientId, "/offices", "/health", "/imports", "/mail/outbox",
                "/exports/columns", "/instructions"};
        Thread traffic = new Thread(() -> {
            int n = 0;
            while (running.get()) {
                for (String path : reads) {
                    String phase = updating.get();
                    note(failures, phase, "GET " + path, get(path));
                }
                String phase = updating.get();
                String id = clientId + "-" + n++;
                Reply created = post("/clients", "{\"clientId\":\"" + id + "\",\"type\":\"ENTITY\",\"name\":\"Written "
                        + id + "\",\"email\":\"" + id + "@example.com\",\"officeLocation\":1}");
                if (created.status() == 201) {
                    written.add(id);
                }
                note(failures, phase, "POST /clients", created);
                note(failures, updating.get(), "GET /portal/", send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl().replace("/api/v1", "/portal/"))).GET()));
                requests.addAndGet(reads.length + 2);
            }
        }, "steady-traffic");
        traffic.start();
        List<String> updated = new ArrayList<>();
        try {
            for (Bundle bundle : atriumBundlesLibrariesLast()) {
                String name = bundle.getSymbolicName();
                updating.set(name);
                update(bundle);
                await(name + " to be active again", () -> bundle.getState() == Bundle.ACTIVE);
                awaitEveryPart(reads, "after updating " + name);
                awaitMoreRequests(requests, 2 * (reads.length + 2));
                updating.set("none");
                updated.add(name);
            }
            awaitMoreRequests(requests, REQUESTS_AFTER_LAST_OPERATION);
        } finally {
            running.set(false);
            traffic.join();
        }

        assertTrue("every Atrium bundle was updated: " + updated, updated.containsAll(List.of("org.atrium.api",
                "org.atrium.registry", "org.atrium.rest", "org.atrium.standby", "org.atrium.portal", "org.atrium.mailer",
                "org.atrium.importer", "org.atrium.exporter", "org.atrium.shell", "org.atrium.jpa.api", "org.atrium.rest.support",
                "org.atrium.text", "org.atrium.database", "org.atrium.keys")));
        for (String failure : failures) {
            boolean healthDown = failure.contains("GET /health 503 application/json retry-after");
            assertTrue("only a 503 problem with Retry-After while a part is away (or the health report, DOWN while "
                    + "the API restarts), never a 404, 500 or HTML: " + failure,
                    healthDown || failure.contains(" 503 application/problem+json retry-after"));
            assertFalse("nothing fails while no bundle is being updated: " + failure, failure.startsWith("none:"));
            String phase = failure.substring(0, failure.indexOf(':'));
            boolean registerRequest = failure.contains("GET /clients/") || failure.contains("POST /clients");
            assertTrue("register requests fail only while the register, the API or a library under them is "
                    + "updated: " + failure, !registerRequest || REGISTER_AND_BELOW.contains(phase));
            assertTrue("the portal page fails only while the portal or a library under it is updated: " + failure,
                    !failure.contains("GET /portal/") || PORTAL_AND_BELOW.contains(phase));
        }
        for (String id : written) {
            assertEquals("an acknowledged write is kept: " + id, 200, get("/clients/" + id).status());
        }
        assertTrue("writes went on: " + written.size(), written.size() > updated.size());
        assertTrue(executeCommand("atrium:client-show " + clientId).contains("Upd " + clientId));
    }

    /** The health check a load balancer polls: no sign-in, no client data, every feature and check. */
    @Test
    public void healthAnswersWithoutSignInAndNamesFeaturesAndChecks() {
        Reply health = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/health"))
                .header("Authorization", "Basic bm9ib2R5Om5vdGhpbmc=")); // a wrong sign-in does not matter
        assertEquals(health.body(), 200, health.status());
        var json = health.json();
        assertEquals("UP", json.get("status").asText());
        assertTrue(json.get("ready").asBoolean());
        assertEquals(0, json.get("waitingFor").size());
        java.util.Map<String, Boolean> active = new java.util.HashMap<>();
        json.get("features").forEach(feature -> active.put(feature.get("name").asText(), feature.get("active").asBoolean()));
        for (String feature : List.of("atrium-core", "atrium-mailer", "atrium-importer", "atrium-exporter",
                "atrium-portal", "atrium-console")) {
            assertEquals(feature + " in " + active, Boolean.TRUE, active.get(feature));
        }
        var checks = json.get("checks");
        assertEquals("UP", checks.get("database").get("status").asText());
        assertTrue(checks.get("database").get("details").get("reachable").asBoolean());
        assertTrue(checks.get("mail").get("details").has("queued"));
        assertTrue(checks.get("mail").get("details").has("failed"));
        assertTrue(checks.get("mail").get("details").has("lastDeliveryResult"));
        assertTrue(checks.get("imports").get("details").has("running"));
        assertTrue(checks.get("exports").get("details").has("lastExportAt"));
        assertFalse("no client data in the health answer", health.body().contains("@example.com"));
    }

    @Test
    public void atriumStatusShowsFeaturesAndChecksWithinEightyColumns() {
        String status = executeCommand("atrium:status");
        assertTrue(status, status.startsWith("Atrium is UP at "));
        for (String expected : List.of("atrium-core", "atrium-mailer", "atrium-importer", "atrium-exporter",
                "atrium-portal", "database", "mail", "imports", "exports", "queued", "failed")) {
            assertTrue(expected + " in\n" + status, status.contains(expected));
        }
        assertTrue(status, status.lines().anyMatch(line -> line.startsWith("atrium-core ") && line.contains("| yes ")));
        assertFitsEightyColumns("atrium:status", status);
    }

    /** Every atrium:* command explains itself with --help, and its output fits an 80-column terminal. */
    @Test
    public void everyAtriumCommandHasHelpAndFitsEightyColumns() throws Exception {
        String clientId = "W" + unique();
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\""
                + "A Client With A Rather Long Name To See Wrapping Rather Than Overflowing " + clientId
                + "\",\"email\":\"" + clientId + "@example.com\",\"officeLocation\":1}")
                .status());
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("width", ".csv");
        java.nio.file.Files.writeString(csv, ImportIT.HEADER + "\r\nIndividual," + clientId + "I,Imported Width,"
                + clientId + "i@example.com,,,,,1,,,,,,,\r\n");
        executeCommand("atrium:import --wait " + csv);
        java.nio.file.Path xlsx = java.nio.file.Files.createTempFile("width", ".xlsx");
        executeCommand("atrium:export " + xlsx + " " + clientId);
        executeCommand("atrium:invite " + clientId);

        String help = executeCommand("help atrium");
        for (String command : List.of("status", "client-list", "client-show", "office-list", "audit", "mail-queue",
                "instructions-list", "invite", "import", "import-jobs", "export", "user-mfa-reset", "migrate-database")) {
            assertTrue(command + " is listed by help atrium:\n" + help, help.contains(command));
            String commandHelp = executeCommand("atrium:" + command + " --help");
            assertTrue(command + " --help describes it:\n" + commandHelp, commandHelp.contains("DESCRIPTION"));
            assertFitsEightyColumns("atrium:" + command + " --help", commandHelp);
        }
        for (String command : List.of("atrium:status", "atrium:client-list", "atrium:client-show " + clientId,
                "atrium:office-list", "atrium:audit", "atrium:mail-queue", "atrium:instructions-list",
                "atrium:import-jobs", "atrium:export --list-columns x.xlsx", "atrium:user-mfa-reset swappy")) {
            String output = executeCommand(command);
            assertFalse(command + " printed nothing", output.isBlank());
            assertFitsEightyColumns(command, output);
        }
    }

    private static void assertFitsEightyColumns(String command, String output) {
        // colours take no columns; a tab takes up to eight
        String plain = output.replaceAll("\u001B\\[[0-9;]*m", "").replace("\t", "        ");
        plain.lines().forEach(line -> assertTrue(command + " printed a line of " + line.length() + " columns:\n" + line,
                line.length() <= 80));
    }

    /**
     * {@code bundle:update} as an operator types it. A bundle below Karaf's system start level (the JPA API)
     * asks for a confirmation at the console: updated here through the framework, as the command does once
     * confirmed.
     */
    private void update(Bundle bundle) throws Exception {
        if (bundle.adapt(BundleStartLevel.class).getStartLevel() >= SYSTEM_BUNDLES_START_LEVEL) {
            executeCommand("bundle:update " + bundle.getBundleId());
        } else {
            bundle.update();
        }
    }

    /**
     * Atrium's bundles, the libraries (bundles that export packages) last: a library's new build serves the
     * bundles resolved after it, so a capability updated after a library would be wired to the new build while
     * its partners stay on the old one, until a refresh (which restarts every user of the library, this test
     * with them).
     */
    private List<Bundle> atriumBundlesLibrariesLast() {
        List<Bundle> bundles = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            // not the fragment of the web server's Jetty bundle (atrium-jetty-errors): updating it re-resolves
            // Jetty, that is restarts the web server, as updating Jetty itself would; it is infrastructure, booted
            // with the web server, not a capability swapped at run time
            boolean webServerFragment = bundle.getHeaders().get(org.osgi.framework.Constants.FRAGMENT_HOST) != null;
            if (bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("org.atrium.")
                    && !webServerFragment) {
                bundles.add(bundle);
            }
        }
        bundles.sort(java.util.Comparator.comparing(bundle -> !bundle.adapt(BundleRevision.class)
                .getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE).isEmpty()));
        return bundles;
    }

    /** Waits until the traffic thread has sent {@code more} requests: a late disturbance would show in them. */
    private static void awaitMoreRequests(AtomicInteger requests, int more) {
        int seen = requests.get();
        await(more + " more requests", () -> requests.get() >= seen + more);
    }

    /** Records a non-2xx answer as "bundle-being-updated: request status type retry-after". */
    private static void note(List<String> failures, String phase, String request, Reply reply) {
        if (reply.status() / 100 != 2 && failures.size() < 1000) {
            failures.add(phase + ": " + request + " " + reply.status() + " " + reply.contentType()
                    + (reply.retryAfter() == null ? "" : " retry-after") + " " + reply.body());
        }
    }

    /** Waits until every path answers 200 again; else fails with what each path answered last. */
    private void awaitEveryPart(String[] reads, String when) {
        List<String> answers = new ArrayList<>();
        await("every part to answer " + when, () -> {
            answers.clear();
            for (String path : reads) {
                Reply reply = get(path);
                if (reply.status() != 200) {
                    answers.add(path + " " + reply.status() + " " + reply.body());
                }
            }
            int portal = portalPage();
            if (portal != 200) {
                answers.add("/portal/ " + portal);
            }
            return answers.isEmpty();
        }, answers::toString);
    }

    private int signInAsSwappy(String password) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/offices"))
                .header("Authorization", basic("swappy", password))).status();
    }
}
