package org.atrium.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Our distribution as an operator gets it: the tar.gz unpacked under target/, with free ports and no Maven
 * repository to fall back on (no network, no ~/.m2), started with bin/karaf and stopped with bin/stop.
 */
final class UnpackedDistribution {

    private static final Pattern REPOSITORY_SETTINGS = Pattern.compile(
            "(?m)^\\s*org\\.ops4j\\.pax\\.url\\.mvn\\.(repositories|localRepository|defaultLocalRepoAsRemote)\\s*=.*(\\\\\\R.*)*$");

    private final Path home;
    private final int httpPort;
    private final Map<String, String> environment = new HashMap<>();
    private Process karaf;

    private UnpackedDistribution(Path home, int httpPort) {
        this.home = home;
        this.httpPort = httpPort;
    }

    static UnpackedDistribution unpack() throws Exception {
        Path distribution = Path.of(System.getProperty("atrium.distribution"));
        Path target = Path.of("target", "distribution-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(target);
        run(target, "tar", "xzf", distribution.toAbsolutePath().toString());
        Path home;
        try (var entries = Files.list(target)) {
            home = entries.findFirst().orElseThrow().toAbsolutePath();
        }
        Path mvnConfig = home.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        String offline = REPOSITORY_SETTINGS.matcher(Files.readString(mvnConfig)).replaceAll("")
                + "\norg.ops4j.pax.url.mvn.repositories=\norg.ops4j.pax.url.mvn.localRepository="
                + home.resolve("no-such-repository") + "\norg.ops4j.pax.url.mvn.defaultLocalRepoAsRemote=false\n";
        Files.writeString(mvnConfig, offline);
        UnpackedDistribution unpacked = new UnpackedDistribution(home, FreePorts.next());
        unpacked.set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(unpacked.httpPort));
        unpacked.set("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(FreePorts.next()));
        unpacked.set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(FreePorts.next()));
        unpacked.set("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(FreePorts.next()));
        SuiteDatabase.configure(unpacked);
        return unpacked;
    }

    Path home() {
        return home;
    }

    int httpPort() {
        return httpPort;
    }

    Process process() {
        return karaf;
    }

    /** Sets one key of a configuration file (etc/...), replacing its line; Karaf reads etc/ again at once. */
    void set(String file, String key, String value) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = Files.exists(path) ? new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8))
                : new ArrayList<>();
        lines.removeIf(line -> line.strip().startsWith(key + " ") || line.strip().startsWith(key + "="));
        lines.add(key + " = " + value);
        Files.write(path, lines, StandardCharsets.UTF_8);
    }

    /** An environment variable for Karaf, set from the next start on. */
    void environment(String name, String value) {
        environment.put(name, value);
    }

    /** Starts Karaf as an operator does; the console's output goes to karaf-console.out. */
    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf-console.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        karaf = builder.start();
    }

    /** Waits (polling) until the health check answers 200, failing if Karaf exits or the time runs out. */
    void awaitHealthy(Duration timeout) throws Exception {
        StaffApi api = new StaffApi(httpPort, "admin", "admin");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (api.get("/health").status() != 200) {
            assertAlive();
            if (System.nanoTime() > deadline) {
                fail("Atrium was not ready within " + timeout.toSeconds() + " s; see " + home.resolve("data/log"));
            }
            Thread.sleep(200); // polling interval while Karaf boots
        }
    }

    /** Fails the test if Karaf exited, with what it printed. */
    void assertAlive() throws IOException {
        if (!karaf.isAlive()) {
            fail("Karaf exited: " + Files.readString(home.resolve("karaf-console.out")));
        }
    }

    void stop() throws Exception {
        if (karaf == null || !karaf.isAlive()) {
            return;
        }
        run(home, home.resolve("bin/stop").toString());
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            karaf.destroyForcibly().waitFor();
            fail("Karaf did not stop within 60 s");
        }
    }

    /** SIGKILL, as a crash or an impatient operator would. */
    void kill() throws InterruptedException {
        karaf.descendants().forEach(ProcessHandle::destroyForcibly);
        karaf.destroyForcibly().waitFor();
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed");
        }
    }
}
