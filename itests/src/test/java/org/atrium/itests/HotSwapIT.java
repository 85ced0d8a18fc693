package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

/**
 * Hot swap: while an operator installs and removes features with plain feature:install and
 * feature:uninstall, the register keeps answering every request, and no bundle stops except the ones of
 * the feature being swapped. (With Karaf's stock jpa + eclipselink features every such operation
 * refreshed the JPA stack and the register; see bundles/atrium-jpa-api/bnd.bnd.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends AtriumTestSupport {

    /** Requests that must still succeed after the last feature operation, to catch a late refresh. */
    static final int REQUESTS_AFTER_LAST_OPERATION = 200;

    /** Keeps the first few failures for the message and counts all. */
    private static void record(List<String> failures, AtomicInteger failed, String failure) {
        if (failed.incrementAndGet() <= 10) {
            failures.add(failure);
        }
    }

    private int portalPage() {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                + System.getProperty(HTTP_PORT_PROPERTY) + "/portal/")).GET()).status();
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
            // of them: the console, mailer, client instructions, onboarding, importer, exporter, SMS and portal
            // features, among them bundles that contribute REST endpoints
            String optional = "atrium-console atrium-mailer atrium-instructions atrium-onboarding atrium-importer "
                    + "atrium-exporter atrium-sms-otp atrium-portal";
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
            executeCommand("feature:install " + optional);
            await("the mailer's endpoint to be back", () -> get("/mail/outbox").status() == 200);
            await("the importer's endpoint to be back", () -> get("/imports").status() == 200);
            await("the exporter's endpoint to be back", () -> get("/exports/columns").status() == 200);
            await("the client portal to be back", () -> portalPage() == 200);

            // the exporter alone (with POI, wrapped)
            executeCommand("feature:uninstall atrium-exporter");
            assertFalse("exporter gone", executeCommand("feature:list -i").contains("atrium-exporter "));
            assertEquals("the exporter's endpoint is gone", 404, get("/exports/clients.xlsx").status());
            assertEquals("the importer stays", 200, get("/imports").status());
            assertEquals("the mailer stays", 200, get("/mail/outbox").status());
            executeCommand("feature:install atrium-exporter");
            await("the exporter's endpoint to be back", () -> get("/exports/columns").status() == 200);

            int last = requests.get();
            await(REQUESTS_AFTER_LAST_OPERATION + " more requests",
                    () -> requests.get() >= last + REQUESTS_AFTER_LAST_OPERATION);
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
                "org.atrium.sms")));
        assertEquals("no bundle but the swapped features' own stopped", Set.of(), stoppedBundles);
        assertTrue(executeCommand("atrium:client-show " + clientId).contains("Hot " + clientId));

        assertEquals(401, signInAsSwappy("wrong-3"));
        assertEquals(401, signInAsSwappy("wrong-4"));
        assertEquals("locked after five failures in all, feature swaps in between", 401, signInAsSwappy("swappy-pw"));
    }

    private int signInAsSwappy(String password) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/offices"))
                .header("Authorization", basic("swappy", password))).status();
    }
}
