package org.atrium.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.ops4j.pax.exam.Option;

/**
 * The database the integration tests' Karaf uses: the embedded Derby as shipped, or, with
 * {@code -Datrium.itest.database=postgresql}, a fresh database per Karaf on a PostgreSQL server of the run's
 * own (started on first use, stopped when the tests' JVM ends). Runs in the JVM that starts the containers.
 */
final class SuiteDatabase {

    static final String PROPERTY = "atrium.itest.database";
    private static final String ROLE = "atrium_suite";
    private static final String PASSWORD = "suite-" + UUID.randomUUID();
    /** The password reaches Karaf as a system property, read by Config Admin's interpolation (not in a file). */
    private static final String PASSWORD_PROPERTY = "atrium.itest.database.password";

    private static PostgresServer server;

    private SuiteDatabase() {
    }

    static boolean postgresql() {
        return "postgresql".equals(System.getProperty(PROPERTY));
    }

    /** The options that point a Karaf at a new database of its own; none for Derby. */
    static Option options() {
        if (!postgresql()) {
            return composite();
        }
        try {
            return newDatabase();
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL database for the tests: " + e.getMessage(), e);
        }
    }

    private static Option newDatabase() throws Exception {
        String database = "atrium_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(server().url("postgres"), PostgresServer.ADMIN,
                PostgresServer.ADMIN_PASSWORD); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database + " OWNER " + ROLE);
        }
        return composite(
                editConfigurationFilePut("etc/atrium.database.cfg", "type", "postgresql"),
                editConfigurationFilePut("etc/atrium.database.cfg", "url", server().url(database)),
                editConfigurationFilePut("etc/atrium.database.cfg", "user", ROLE),
                editConfigurationFilePut("etc/atrium.database.cfg", "password", "$[prop:" + PASSWORD_PROPERTY + "]"),
                systemProperty(PASSWORD_PROPERTY).value(PASSWORD));
    }

    private static synchronized PostgresServer server() throws Exception {
        if (server == null) {
            PostgresServer started = PostgresServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    System.err.println("The tests' PostgreSQL did not stop: " + e);
                }
            }, "stop-postgresql"));
            try (Connection admin = DriverManager.getConnection(started.url("postgres"), PostgresServer.ADMIN,
                    PostgresServer.ADMIN_PASSWORD); Statement sql = admin.createStatement()) {
                sql.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            } catch (SQLException e) {
                started.close();
                throw e;
            }
            server = started;
        }
        return server;
    }
}
