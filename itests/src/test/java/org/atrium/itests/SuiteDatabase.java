package org.atrium.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;

import org.ops4j.pax.exam.Option;

/**
 * The database the integration tests' Karaf uses: the embedded Derby as shipped, or, with
 * {@code -Datrium.itest.database=postgresql} (the build's second run of the suite), a fresh database per Karaf
 * on a PostgreSQL server of the run's own, started on first use and stopped by {@link StopSuiteDatabase} when
 * the tests end. Runs in the JVM that starts the containers.
 */
final class SuiteDatabase {

    static final String PROPERTY = "atrium.itest.database";
    private static final String ROLE = "atrium_suite";
    private static final String PASSWORD = "suite-" + UUID.randomUUID();
    /** The password reaches Karaf as a system property, read by Config Admin's interpolation (not in a file). */
    private static final String PASSWORD_PROPERTY = "atrium.itest.database.password";
    /** Where a Karaf's tests find the server's files (ClientApiIT looks for tax IDs in them). */
    static final String FOLDER_PROPERTY = "atrium.itest.database.folder";
    /** Every node of a database server needs the same master key; the suite's Karafs get theirs as a property. */
    private static final String MASTER_KEY = newMasterKey();
    private static final String MASTER_KEY_PROPERTY = "atrium.itest.master.key";
    /** The environment variable an unpacked distribution's etc/atrium.database.cfg takes its password from. */
    private static final String PASSWORD_VARIABLE = "ATRIUM_DATABASE_PASSWORD";

    private static PostgresServer server;

    private SuiteDatabase() {
    }

    /** Whether the tests run on PostgreSQL; also inside a Pax Exam Karaf, which gets the property too. */
    static boolean postgresql() {
        return "postgresql".equals(System.getProperty(PROPERTY));
    }

    /** "derby" or "postgresql", for the names of benchmark reports. */
    static String name() {
        return postgresql() ? "postgresql" : "derby";
    }

    /**
     * The options that point a Pax Exam Karaf at a new database of its own; for Derby only the property that
     * tells the tests inside which database they run on.
     */
    static Option options() {
        if (!postgresql()) {
            return systemProperty(PROPERTY).value(name());
        }
        String url = newDatabase();
        return composite(systemProperty(PROPERTY).value(name()),
                editConfigurationFilePut("etc/atrium.database.cfg", "type", "postgresql"),
                editConfigurationFilePut("etc/atrium.database.cfg", "url", url),
                editConfigurationFilePut("etc/atrium.database.cfg", "user", ROLE),
                editConfigurationFilePut("etc/atrium.database.cfg", "password", "$[prop:" + PASSWORD_PROPERTY + "]"),
                systemProperty(PASSWORD_PROPERTY).value(PASSWORD),
                editConfigurationFilePut("etc/atrium.keys.cfg", "master.key", "$[prop:" + MASTER_KEY_PROPERTY + "]"),
                systemProperty(MASTER_KEY_PROPERTY).value(MASTER_KEY),
                systemProperty(FOLDER_PROPERTY).value(server.folder().toString()));
    }

    /** Points an unpacked distribution at a new database of its own, as an operator would; nothing for Derby. */
    static void configure(UnpackedDistribution distribution) throws IOException {
        if (!postgresql()) {
            return;
        }
        String url = newDatabase();
        distribution.set("etc/atrium.database.cfg", "type", "postgresql");
        distribution.set("etc/atrium.database.cfg", "url", url);
        distribution.set("etc/atrium.database.cfg", "user", ROLE);
        distribution.set("etc/atrium.database.cfg", "password", "$[env:" + PASSWORD_VARIABLE + "]");
        distribution.environment(PASSWORD_VARIABLE, PASSWORD);
        // the master key straight from the environment, with nothing in etc/atrium.keys.cfg
        distribution.environment("ATRIUM_MASTER_KEY", MASTER_KEY);
    }

    private static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Stops the server the tests started, if they started one. */
    static synchronized void stop() throws IOException, InterruptedException {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }

    private static String newDatabase() {
        String database = "atrium_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(server().url("postgres"), PostgresServer.ADMIN,
                PostgresServer.ADMIN_PASSWORD); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database + " OWNER " + ROLE);
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL database for the tests: " + e.getMessage(), e);
        }
        return server.url(database);
    }

    private static synchronized PostgresServer server() throws Exception {
        if (server == null) {
            PostgresServer started = PostgresServer.start();
            try (Connection admin = DriverManager.getConnection(started.url("postgres"), PostgresServer.ADMIN,
                    PostgresServer.ADMIN_PASSWORD); Statement sql = admin.createStatement()) {
                sql.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
                // ClientApiIT has every page written to disk before it looks for tax IDs there
                sql.execute("GRANT pg_checkpoint TO " + ROLE);
            } catch (SQLException e) {
                started.close();
                throw e;
            }
            server = started;
        }
        return server;
    }
}
