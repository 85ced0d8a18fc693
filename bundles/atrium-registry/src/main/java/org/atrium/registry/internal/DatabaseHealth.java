package org.atrium.registry.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.atrium.api.health.HealthCheck;
import org.atrium.api.health.HealthResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code database} health check: a connection from Atrium's data source, validated within two seconds. */
@Component(property = HealthCheck.NAME + "=database")
public class DatabaseHealth implements HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);
    private static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    @Activate
    public DatabaseHealth(@Reference(target = "(osgi.jndi.service.name=atrium)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(TIMEOUT_SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            DatabaseMetaData meta = connection.getMetaData();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reachable", valid);
            details.put("product", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
            details.put("responseMillis", millis);
            return valid ? HealthResult.up(meta.getDatabaseProductName() + " answered in " + millis + " ms", details)
                    : HealthResult.down("The database did not answer within " + TIMEOUT_SECONDS + " s", details);
        } catch (SQLException e) {
            LOG.warn("Database health check failed: {}", e.getMessage());
            return HealthResult.down("Cannot reach the database: " + e.getSQLState(), Map.of("reachable", false));
        }
    }
}
