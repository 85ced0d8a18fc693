package org.atrium.database.internal;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The pax-jdbc-config factory configuration ({@code org.ops4j.datasource}) of the data source "atrium" that
 * etc/atrium.database.cfg describes, checked first: a mistake is one message naming the setting to fix.
 */
final class DataSourceSettings {

    static final String FACTORY_PID = "org.ops4j.datasource";
    /** The name of the factory configuration this bundle keeps (configurations of other names are left alone). */
    static final String CONFIGURATION_NAME = "atrium-database";
    static final String DATA_SOURCE_NAME = "atrium";
    /** Marks the configuration as derived from etc/atrium.database.cfg, so a change there replaces it. */
    static final String DERIVED_FROM = "atrium.database.derived";

    private static final Pattern POSTGRESQL_URL = Pattern.compile("jdbc:postgresql://[^\\s/]+(:[0-9]+)?/[^\\s]+");

    private DataSourceSettings() {
    }

    /** The pax-jdbc properties, or an {@link IllegalArgumentException} naming what to change. */
    static Hashtable<String, Object> of(DatabaseConfig config, Path karafData) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("dataSourceName", DATA_SOURCE_NAME);
        // pooled, and XA so that every connection joins the JTA transaction of the unit of work
        properties.put("pool", "dbcp2");
        properties.put("xa", "true");
        properties.put("pool.maxTotal", String.valueOf(positive("pool.maxTotal", config.pool_maxTotal())));
        properties.put("pool.maxIdle", String.valueOf(positive("pool.maxIdle", config.pool_maxIdle())));
        properties.put(DERIVED_FROM, "etc/atrium.database.cfg");
        switch (config.type().strip().toLowerCase(Locale.ROOT)) {
            case "derby":
                properties.put("osgi.jdbc.driver.name", "derby");
                String folder = config.derby_directory().isBlank() ? karafData.resolve("derby").resolve("atrium").toString()
                        : config.derby_directory().strip();
                properties.put("databaseName", folder);
                properties.put("createDatabase", "create");
                return properties;
            case "postgresql":
                String url = config.url().strip();
                if (!isPostgresqlUrl(url)) {
                    throw new IllegalArgumentException("url must be jdbc:postgresql://HOST:PORT/DATABASE for type = "
                            + "postgresql" + (url.isEmpty() ? " (it is empty)" : ""));
                }
                if (config.user().isBlank()) {
                    throw new IllegalArgumentException("user must name the PostgreSQL role Atrium connects as");
                }
                properties.put("osgi.jdbc.driver.name", "PostgreSQL JDBC Driver");
                properties.put("url", url);
                properties.put("user", config.user().strip());
                properties.put("password", config.password());
                properties.put("connectTimeout", String.valueOf(positive("connectTimeout", config.connectTimeout())));
                properties.put("ApplicationName", "Atrium");
                // an import's JDBC batches of INSERTs go as multi-row INSERTs, a round trip for many rows
                properties.put("reWriteBatchedInserts", "true");
                // every statement planned for its own values: a plan the driver's prepared statement kept from
                // when a table was empty went on scanning it as an import filled it (minutes for 100,000 rows)
                properties.put("options", "-c plan_cache_mode=force_custom_plan");
                return properties;
            default:
                throw new IllegalArgumentException("type must be derby or postgresql, not '" + config.type() + "'");
        }
    }

    /** Whether this is the JDBC URL of a PostgreSQL database (host, optional port, database). */
    static boolean isPostgresqlUrl(String url) {
        return url != null && POSTGRESQL_URL.matcher(url).matches();
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
        return value;
    }
}
