package org.atrium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution as an operator gets it: unpacked from the tar.gz and started with bin/karaf, with no
 * Maven repository to fall back on (no network, no ~/.m2), then stopped and started again.
 */
class DistributionIT {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration WATCHED_AFTER_FIRST_ANSWER = Duration.ofSeconds(30);

    static final String SHIPPED_ADMIN = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    static final String ADMIN_PASSWORD = "distribution-test-passphrase";

    private final HttpClient http = HttpClient.newHttpClient();
    private UnpackedDistribution distribution;
    private Path home;
    private int httpPort;
    /** Admin's API token, from the first sign-in after the first start (the shipped settings require one). */
    private String admin;

    @BeforeEach
    void unpackOffline() throws Exception {
        distribution = UnpackedDistribution.unpack();
        home = distribution.home();
        httpPort = distribution.httpPort();
    }

    @AfterEach
    void stop() throws Exception {
        stopKaraf();
    }

    @Test
    void startsWithoutNetworkAndKeepsItsDataAcrossRestarts() throws Exception {
        startKaraf();
        String body = "{\"clientId\":\"0099\",\"type\":\"ENTITY\",\"name\":\"Offline LLC\",\"email\":\"offline@example.com\","
                + "\"taxId\":\"121234567\",\"officeLocation\":1}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(api("/clients")).header("Authorization", admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());

        stopKaraf();
        startKaraf();

        HttpResponse<String> read = http.send(HttpRequest.newBuilder(api("/clients/0099")).header("Authorization", admin).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode());
        assertTrue(read.body().contains("Offline LLC"));
        assertTrue(read.body().contains("XX-XXX4567"));
        String log = Files.readString(home.resolve("data/log/karaf.log"));
        assertFalse(log.contains("Could not find artifact"), "every bundle comes from the distribution itself");
        assertFalse(log.contains("Error installing boot features"));
        assertTrue(log.contains("still has the default password"), "operators are warned about admin/admin");
        String users = Files.readString(home.resolve("etc/users.properties"));
        assertTrue(users.contains("\nadmin = {CRYPT}$2a$10$"), "passwords are kept as bcrypt hashes");
        assertFalse(users.contains(ADMIN_PASSWORD));
        assertTrue(Files.exists(home.resolve("etc/atrium.database.cfg")), "the database configured in etc/");
        assertEquals(!SuiteDatabase.postgresql(), Files.isDirectory(home.resolve("data/derby/atrium")),
                "the embedded database under data/, unless the tests run on PostgreSQL");
        try (java.util.stream.Stream<Path> written = Files.walk(home.resolve("data"))) {
            List<String> open = written.filter(path -> {
                try {
                    return Files.getPosixFilePermissions(path).stream().anyMatch(p -> p.name().startsWith("GROUP")
                            || p.name().startsWith("OTHERS"));
                } catch (java.io.IOException e) {
                    return false; // gone meanwhile (a temporary file)
                }
            }).map(path -> home.relativize(path).toString()).limit(10).toList();
            assertEquals(List.of(), open, "the log, the database and the mail are the account's alone");
        }
        HttpResponse<String> portal = http.send(HttpRequest.newBuilder(api("/clients").resolve("/portal/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, portal.statusCode(), "the client portal's page is served too");
        assertTrue(portal.body().contains("Client portal"));
    }

    /**
     * All or nothing also when the process dies: Karaf killed (SIGKILL) while an import writes leaves no
     * client of the file once the register is back, and after the restart the job says what happened.
     */
    @Test
    void anImportCutOffByAKillWritesNothingAndEndsFailedAfterTheRestart() throws Exception {
        startKaraf();
        StringBuilder csv = new StringBuilder(ImportIT.HEADER).append("\r\n");
        for (int i = 0; i < 30_000; i++) {
            csv.append("Individual,KILL").append(i).append(",Killed Import ").append(i).append(",killed").append(i)
                    .append("@example.com,,,,,1,,,,,,,\r\n");
        }
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(api("/imports")).header("Authorization", admin)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        String job = "/imports/" + field(accepted.body(), "id");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"WRITING".equals(field(get(job), "stage"))) {
            assertTrue(System.nanoTime() < deadline, "the import never started writing: " + get(job));
            assertFalse(get(job).contains("\"SUCCEEDED\""), "the import finished before it could be cut off");
            Thread.sleep(20); // polling interval
        }

        distribution.kill();
        startKarafAfterACrash();

        String after = get(job);
        deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (field(after, "state") == null && System.nanoTime() < deadline) {
            Thread.sleep(250); // the importer's endpoint may come up after the register's
            after = get(job);
        }
        assertEquals("FAILED", field(after, "state"), after);
        assertTrue(after.contains("Atrium stopped while this import was running; nothing was written"), after);
        // on Derby the import committed chunk by chunk: what it wrote is taken back as the register starts
        deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"0".equals(field(get("/clients?q=killed&size=1"), "total"))) {
            assertTrue(System.nanoTime() < deadline, "clients of the file are left: " + get("/clients?q=killed&size=1"));
            Thread.sleep(100); // polling interval
        }
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api(path)).header("Authorization", admin).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A top-level field of a JSON answer, as text (enough for these flat answers). */
    private static String field(String json, String name) {
        java.util.regex.Matcher value = Pattern.compile("\"" + name + "\":\\s*(\"([^\"]*)\"|[0-9]+|null)").matcher(json);
        if (!value.find()) {
            return null;
        }
        return value.group(2) != null ? value.group(2) : value.group(1);
    }

    /**
     * Starts Karaf as an operator does and waits for the API's first 2xx answer, as a script or a load
     * balancer would; from then on, every request to every path must succeed: the API is there whole or
     * answers 503 until it is, never a 404 of a path still on its way.
     */
    private void startKaraf() throws Exception {
        startKaraf(false);
    }

    /**
     * After a kill the transaction manager recovers the transaction that was cut off and, about ten seconds
     * after the start, Pax JDBC re-creates the data source: the register is away for some 50 ms and its paths
     * answer 503 with Retry-After meanwhile. Tolerated here only, and only as such an answer.
     */
    private void startKarafAfterACrash() throws Exception {
        startKaraf(true);
    }

    private void startKaraf(boolean afterACrash) throws Exception {
        distribution.start();
        if (admin == null) {
            distribution.awaitHealthy(START_TIMEOUT);
            HttpResponse<String> basic = http.send(HttpRequest.newBuilder(api("/clients"))
                    .header("Authorization", SHIPPED_ADMIN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, basic.statusCode(), "as shipped, a password alone reaches nothing");
            assertTrue(basic.body().contains("Scripts send a personal API token instead"), basic.body());
            admin = "Bearer " + FirstSignIn.ofTheShippedAdministrator(httpPort, ADMIN_PASSWORD);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (status("/clients?size=1") / 100 != 2) {
            distribution.assertAlive();
            if (System.nanoTime() > deadline) {
                fail("Atrium did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + home.resolve("data/log"));
            }
            Thread.sleep(100); // polling interval while Karaf boots
        }
        assertEveryPathKeepsAnswering(afterACrash);
    }

    /** From the first 2xx: clients, offices, me, openapi, health and the portal page every 100 ms for 30 s. */
    private void assertEveryPathKeepsAnswering(boolean retryLaterTolerated) throws Exception {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        long end = System.nanoTime() + WATCHED_AFTER_FIRST_ANSWER.toNanos();
        while (System.nanoTime() < end) {
            for (String path : List.of("/api/v1/clients?size=1", "/api/v1/offices", "/api/v1/me", "/api/v1/openapi.json",
                    "/api/v1/health", "/portal/")) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                        .header("Authorization", admin).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                requests++;
                boolean retryLater = answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent()
                        && answer.headers().firstValue("Content-Type").orElse("").equals("application/problem+json");
                if (retryLaterTolerated && retryLater) {
                    continue;
                }
                if (answer.statusCode() / 100 != 2 && failures.size() < 10) {
                    failures.add(path + " -> " + answer.statusCode() + " " + answer.headers().firstValue("Content-Type")
                            .orElse("") + " " + answer.body().substring(0, Math.min(200, answer.body().length())));
                }
            }
            Thread.sleep(100); // the interval between rounds the issue asks for
        }
        assertEquals(List.of(), failures, "non-2xx answers after the first 2xx, of " + requests);
    }

    private void stopKaraf() throws Exception {
        distribution.stop();
    }

    private int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(api(path)).header("Authorization", admin).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private URI api(String path) {
        return URI.create("http://localhost:" + httpPort + "/api/v1" + path);
    }
}
