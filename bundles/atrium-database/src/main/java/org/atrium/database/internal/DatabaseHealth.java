package org.atrium.database.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.atrium.api.health.HealthCheck;
import org.atrium.api.health.HealthResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code database} health check: the settings applied, a connection from Atrium's data source validated
 * within two seconds, and every bundle's tables up to date.
 */
@Component(property = HealthCheck.NAME + "=database")
public class DatabaseHealth implements HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);
    private static final int TIMEOUT_SECONDS = 2;

    private final DatabaseSettings settings;
    private final SchemaExtender schemas;

    @Reference(target = "(osgi.jndi.service.name=atrium)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DataSource dataSource;

    @Activate
    public DatabaseHealth(@Reference DatabaseSettings settings, @Reference SchemaExtender schemas) {
        this.settings = settings;
        this.schemas = schemas;
    }

    @Override
    public HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("schemas", schemas.versions());
        Optional<String> refused = settings.problem();
        if (refused.isPresent()) {
            return HealthResult.down(refused.get(), details);
        }
        DataSource current = dataSource;
        if (current == null) {
            return HealthResult.down("No data source: see the log for etc/atrium.database.cfg", details);
        }
        long start = System.nanoTime();
        try (Connection connection = current.getConnection()) {
            boolean valid = connection.isValid(TIMEOUT_SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            DatabaseMetaData meta = connection.getMetaData();
            details.put("reachable", valid);
            details.put("product", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
            details.put("responseMillis", millis);
            if (!valid) {
                return HealthResult.down("The database did not answer within " + TIMEOUT_SECONDS + " s", details);
            }
            List<String> problems = schemas.problems();
            if (!problems.isEmpty()) {
                return HealthResult.down("Tables not up to date: " + String.join("; ", problems), details);
            }
            return HealthResult.up(meta.getDatabaseProductName() + " answered in " + millis + " ms", details);
        } catch (SQLException e) {
            LOG.warn("Database health check failed: {}", e.getMessage());
            details.put("reachable", false);
            return HealthResult.down("Cannot reach the database: " + e.getMessage(), details);
        }
    }
}
