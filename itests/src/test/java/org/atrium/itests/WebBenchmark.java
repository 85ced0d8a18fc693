package org.atrium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * How the staff page feels with 100,000 clients (not part of the test suite: mvn -Pbenchmark verify -pl itests
 * -Dit.test=WebBenchmark): the time from pressing "Sign in" to the first page of the grid on screen, and from the
 * last keystroke of a search to its answer on screen, as the browser's own performance timeline records them.
 */
class WebBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final int SIGN_INS = 10;
    private static final String BENCH_PASSWORD = "quiet-harbour-lanterns";
    private static final int SEARCHES_PER_KIND = 10;

    @Test
    void signInAndSearchWithAHundredThousandClients() throws Exception {
        int clients = Integer.getInteger("benchmark.clients", 100_000);
        UnpackedDistribution distribution = UnpackedDistribution.unpack();
        distribution.set("etc/atrium.importer.cfg", "max.file.mb", "256");
        // a sign-in with the password alone (what is measured is the page), by a user whose password meets the rules
        distribution.set("etc/atrium.security.cfg", "mfa.required", "false");
        distribution.set("etc/users.properties", "bench", BENCH_PASSWORD + ",atrium-admin");
        distribution.start();
        StaffApi admin = new StaffApi(distribution.httpPort(), "admin", "admin");
        try (WebBrowser browser = new WebBrowser(distribution.home().getParent())) {
            distribution.awaitHealthy(START_TIMEOUT);
            long loadStarted = System.nanoTime();
            importClients(admin, clients);
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

            String atrium = "http://localhost:" + distribution.httpPort() + "/atrium/";
            List<Double> signIns = new ArrayList<>();
            for (int i = 0; i < SIGN_INS; i++) {
                browser.open("http://localhost:" + distribution.httpPort() + "/api/v1/health");
                browser.driver().manage().deleteAllCookies();
                browser.open(atrium);
                browser.type("input[name=username]", "bench");
                browser.type("input[name=password]", BENCH_PASSWORD);
                browser.click("form button[type=submit]");
                browser.find("#client-grid tbody tr[data-client-id]");
                signIns.add(between(browser, "atrium:sign-in", "atrium:grid-shown"));
            }
            StringBuilder report = new StringBuilder();
            line(report, "Atrium web benchmark: %,d clients, headless Chromium %s", clients,
                    ((org.openqa.selenium.HasCapabilities) browser.driver()).getCapabilities().getBrowserVersion());
            line(report, "machine: %d cores, JVM %s; Atrium and the browser on the same machine",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            line(report, "loading the clients (CSV import): %.1f s", loadSeconds);
            line(report, "%-56s %s", "sign-in pressed -> first grid page on screen", stats(signIns));
            List<List<String>> kinds = List.of(
                    searches(i -> "BM" + String.format(Locale.ROOT, "%07d", 1 + i * 9_973 % clients)),
                    searches(i -> "Family" + (1 + i * 7_919 % clients) + " Client"),
                    searches(i -> ssnWithDashes(1 + i * 6_007 % clients)),
                    searches(i -> "bm" + (1 + i * 5_003 % clients) + "@example.com"));
            List<String> labels = List.of("client ID", "name", "SSN with dashes", "email");
            for (int k = 0; k < kinds.size(); k++) {
                List<Double> times = new ArrayList<>();
                for (String text : kinds.get(k)) {
                    ((JavascriptExecutor) browser.driver()).executeScript("performance.clearMarks()");
                    browser.type("#client-search", text);
                    browser.until(d -> text.strip().equals(browser.find("#client-grid").getAttribute("data-query")),
                            "the answer to " + text);
                    assertEquals(1, browser.all("#client-grid tbody tr[data-client-id]").size(), "one client for " + text);
                    times.add(between(browser, "atrium:search-typed", "atrium:grid-shown"));
                }
                line(report, "%-56s %s", "last keystroke -> answer on screen, by " + labels.get(k), stats(times));
            }
            line(report, "(the search waits 200 ms after the last keystroke before it asks the server; included)");
            System.out.print(report);
            Files.writeString(Path.of("target", "benchmark-web.txt"), report);
        } finally {
            distribution.stop();
        }
    }

    private static List<String> searches(java.util.function.IntFunction<String> text) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < SEARCHES_PER_KIND; i++) {
            all.add(text.apply(i));
        }
        return all;
    }

    /** Milliseconds from the last mark {@code from} to the last mark {@code to} in the page's timeline. */
    private static double between(WebBrowser browser, String from, String to) {
        Object ms = ((JavascriptExecutor) browser.driver()).executeScript(
                "const last = name => performance.getEntriesByName(name, 'mark').pop().startTime;"
                + "return last(arguments[1]) - last(arguments[0]);", from, to);
        return ((Number) ms).doubleValue();
    }

    private static void importClients(StaffApi admin, int clients) throws Exception {
        StringBuilder csv = new StringBuilder(ImportIT.HEADER).append("\r\n");
        for (int i = 1; i <= clients; i++) {
            csv.append("Individual,BM").append(String.format(Locale.ROOT, "%07d", i)).append(",Family").append(i)
                    .append(" Client,bm").append(i).append("@example.com,").append(ssn(i)).append(",,,,1,,,,,,,\r\n");
        }
        StaffApi.Answer accepted = admin.send("POST", "/imports", csv.toString(), "text/csv");
        assertEquals(202, accepted.status(), accepted.body());
        String id = accepted.json().get("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (true) {
            String state = admin.expect(200, "GET", "/imports/" + id, null).get("state").asText();
            if ("SUCCEEDED".equals(state)) {
                return;
            }
            assertTrue(!"FAILED".equals(state) && System.nanoTime() < deadline, "the import did not succeed: " + state);
            Thread.sleep(1_000); // polling interval of a long import
        }
    }

    /** A distinct valid SSN per client. */
    private static String ssn(int i) {
        return TestSsns.numbered(i);
    }

    private static String ssnWithDashes(int i) {
        String ssn = ssn(i);
        return ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-" + ssn.substring(5);
    }

    private static String stats(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        double worst = sorted.get(sorted.size() - 1);
        return String.format(Locale.ROOT, "median %6.0f ms   worst %6.0f ms (%d)", median, worst, sorted.size());
    }

    private static void line(StringBuilder report, String format, Object... values) {
        report.append(String.format(Locale.ROOT, format, values)).append('\n');
    }
}
