package org.atrium.itests;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server on loopback, of its own: a fresh cluster (initdb) in a temporary folder on a free
 * port, started with pg_ctl and removed again on {@link #close()}. PostgreSQL refuses to run as root, so as
 * root (CI) the cluster belongs to, and runs as, the "postgres" user of Debian's package.
 */
final class PostgresServer implements AutoCloseable {

    /** The superuser of the test cluster; a database per test is created with it. */
    static final String ADMIN = "atrium_admin";
    static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();

    private final Path bin;
    private final Path folder;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path folder, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Starts a new cluster; fails with what to install when PostgreSQL is missing. */
    static PostgresServer start() throws IOException, InterruptedException {
        Path bin = newestInstalled();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("atrium-postgresql-");
        int port = FreePorts.next();
        PostgresServer server = new PostgresServer(bin, folder, port, root);
        Path password = folder.resolve("admin-password");
        Files.writeString(password, ADMIN_PASSWORD, StandardCharsets.UTF_8);
        if (root) {
            server.run("chown", "-R", "postgres:postgres", folder.toString());
        }
        Path data = folder.resolve("data");
        server.runAsServerUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", ADMIN,
                "--pwfile=" + password, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
        // fsync off: a test cluster that a crash may lose, for speed; never for a firm's database
        server.runAsServerUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                folder.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start");
        return server;
    }

    int port() {
        return port;
    }

    /** Holds the cluster (data/) and the server's log (server.log). */
    Path folder() {
        return folder;
    }

    /** The JDBC URL of a database on this server. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            runAsServerUser(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m",
                    "immediate", "-w", "stop");
        } finally {
            try (var paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Debian's newest /usr/lib/postgresql/VERSION/bin. */
    private static Path newestInstalled() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            throw new IllegalStateException("PostgreSQL is not installed: apt-get install postgresql (.ci/run does)");
        }
        try (var list = Files.list(versions)) {
            return list.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparing(version -> Integer.parseInt(version.getFileName().toString().replaceAll("\\D", ""))))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("No initdb under " + versions));
        }
    }

    private void runAsServerUser(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asPostgresUser) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(Arrays.asList(command));
        run(line.toArray(String[]::new));
    }

    private void run(String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("atrium-postgresql-command", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
            }
        } finally {
            Files.delete(output);
        }
    }
}
