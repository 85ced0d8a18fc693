package org.atrium.database.internal;

import java.sql.SQLException;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.atrium.api.database.DatabaseSchema;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender of the {@value DatabaseSchema#HEADER} manifest header: for every started bundle that names a
 * change log, and for Atrium's data source, the bundle's tables are brought up to date and then a
 * {@link DatabaseSchema} service is registered with the bundle's context, which is what its components
 * wait for. While the database cannot be reached the migration is tried again (every few seconds, up to a
 * minute apart); a database that a newer version upgraded is left alone. All of it happens on one thread,
 * in order, so no two migrations ever run at once and none holds up the framework.
 */
@Component(service = SchemaExtender.class, immediate = true)
public class SchemaExtender {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaExtender.class);
    private static final String DATA_SOURCE_FILTER = "(&(objectClass=javax.sql.DataSource)(osgi.jndi.service.name=atrium))";
    private static final Pattern HEADER = Pattern.compile("\\s*([a-z][a-z0-9-]{0,30})\\s*;\\s*changelog\\s*=\\s*\"?([^\";]+)\"?\\s*");
    private static final long FIRST_RETRY_SECONDS = 2;
    private static final long LONGEST_RETRY_SECONDS = 60;

    private final ScheduledExecutorService worker;
    private final Map<Bundle, Schema> schemas = new HashMap<>();
    private final BundleTracker<Bundle> bundles;
    private final ServiceTracker<DataSource, DataSource> dataSources;
    /** The data source migrations run against; only the worker thread touches it and {@link #schemas}. */
    private DataSource dataSource;

    /** What is known of one bundle's schema. */
    private static final class Schema {
        final Bundle bundle;
        final String name;
        final SchemaMigration migration;
        ServiceRegistration<DatabaseSchema> registration;
        /** The last change set, while the schema is offered; read by the health check. */
        volatile String version;
        ScheduledFuture<?> retry;
        long nextDelaySeconds = FIRST_RETRY_SECONDS;
        volatile String problem;

        Schema(Bundle bundle, String name, SchemaMigration migration) {
            this.bundle = bundle;
            this.name = name;
            this.migration = migration;
        }
    }

    @Activate
    public SchemaExtender(BundleContext context) throws Exception {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> new Thread(task, "atrium-schema"));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker = executor;
        dataSources = new ServiceTracker<>(context, context.createFilter(DATA_SOURCE_FILTER), new DataSources(context));
        bundles = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, new SchemaBundles());
        dataSources.open();
        bundles.open();
    }

    @Deactivate
    void stop() throws InterruptedException {
        bundles.close();
        dataSources.close();
        worker.submit(() -> {
            schemas.values().forEach(SchemaExtender::withdraw);
            schemas.clear();
        });
        worker.shutdown();
        worker.awaitTermination(30, TimeUnit.SECONDS);
    }

    /**
     * Brings every schema's tables up to date in another database (for a copy), on the migrations' thread
     * so that no two Liquibase runs overlap.
     */
    void migrateAll(DataSource target) throws Exception {
        Future<Void> done = worker.submit(() -> {
            for (Schema schema : schemas.values()) {
                schema.migration.apply(target);
            }
            return null;
        });
        try {
            done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** Each schema that is not (yet) up to date, and why; empty when all are. */
    List<String> problems() {
        synchronized (schemas) {
            return schemas.values().stream().filter(schema -> schema.problem != null)
                    .map(schema -> schema.name + ": " + schema.problem).collect(Collectors.toList());
        }
    }

    /** The schemas and their versions, for the health report. */
    Map<String, String> versions() {
        synchronized (schemas) {
            Map<String, String> versions = new HashMap<>();
            schemas.values().forEach(schema -> versions.put(schema.name, schema.version != null ? schema.version
                    : "not ready"));
            return versions;
        }
    }

    private final class SchemaBundles implements BundleTrackerCustomizer<Bundle> {
        @Override
        public Bundle addingBundle(Bundle bundle, BundleEvent event) {
            String header = bundle.getHeaders().get(DatabaseSchema.HEADER);
            if (header == null) {
                return null;
            }
            Matcher parsed = HEADER.matcher(header);
            if (!parsed.matches()) {
                LOG.error("{}: the {} header must be NAME;changelog=PATH (NAME in lower case), not '{}'",
                        bundle.getSymbolicName(), DatabaseSchema.HEADER, header);
                return null;
            }
            ClassLoader loader = bundle.adapt(BundleWiring.class).getClassLoader();
            Schema schema = new Schema(bundle, parsed.group(1), new SchemaMigration(parsed.group(1), parsed.group(2), loader));
            worker.execute(() -> {
                // change sets are told apart by their change log's path (see SchemaMigration)
                boolean taken = schemas.values().stream().anyMatch(other -> other.name.equals(schema.name)
                        || other.migration.changelog().equals(schema.migration.changelog()));
                if (taken) {
                    LOG.error("{}: the schema {} or its change log {} is another bundle's already; its tables are left "
                            + "alone", bundle.getSymbolicName(), schema.name, schema.migration.changelog());
                    return;
                }
                synchronized (schemas) {
                    schemas.put(bundle, schema);
                }
                migrate(schema);
            });
            return bundle;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
            // when the bundle stops its services go with it; this also stops a pending retry
            worker.execute(() -> {
                Schema schema;
                synchronized (schemas) {
                    schema = schemas.remove(bundle);
                }
                if (schema != null) {
                    withdraw(schema);
                }
            });
        }
    }

    private final class DataSources implements ServiceTrackerCustomizer<DataSource, DataSource> {
        private final BundleContext context;

        DataSources(BundleContext context) {
            this.context = context;
        }

        @Override
        public DataSource addingService(ServiceReference<DataSource> reference) {
            DataSource added = context.getService(reference);
            worker.execute(() -> {
                dataSource = added;
                schemas.values().forEach(SchemaExtender.this::migrate);
            });
            return added;
        }

        @Override
        public void modifiedService(ServiceReference<DataSource> reference, DataSource service) {
        }

        @Override
        public void removedService(ServiceReference<DataSource> reference, DataSource removed) {
            // the register is bound to the data source that goes; it comes back with the next one, migrated
            worker.execute(() -> {
                if (dataSource == removed) {
                    dataSource = null;
                    schemas.values().forEach(SchemaExtender::withdraw);
                    schemas.values().forEach(schema -> schema.problem = "waiting for the data source");
                }
            });
            context.ungetService(reference);
        }
    }

    /** On the worker thread: migrates the schema and offers it, or plans another try. */
    private void migrate(Schema schema) {
        withdraw(schema);
        if (dataSource == null) {
            schema.problem = "waiting for the data source";
            return;
        }
        try {
            long start = System.nanoTime();
            String version = schema.migration.apply(dataSource);
            BundleContext owner = schema.bundle.getBundleContext();
            if (owner == null) {
                schema.problem = "the bundle stopped"; // its tracker's removal follows
                return;
            }
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(DatabaseSchema.NAME, schema.name);
            properties.put("atrium.schema.version", version);
            schema.registration = owner.registerService(DatabaseSchema.class, new UpToDateSchema(schema.name, version),
                    properties);
            schema.version = version;
            schema.problem = null;
            schema.nextDelaySeconds = FIRST_RETRY_SECONDS;
            LOG.info("The {} tables are up to date (change set {}, checked in {} ms)", schema.name, version,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (SchemaMigration.NewerDatabaseException e) {
            schema.problem = e.getMessage();
            LOG.error("{}", e.getMessage());
        } catch (Exception e) {
            Optional<SQLException> unreachable = connectionFailure(e);
            schema.problem = unreachable.map(sql -> "cannot reach the database (" + sql.getMessage() + ")")
                    .orElse("the upgrade failed: " + e.getMessage());
            LOG.error("The {} tables could not be brought up to date; trying again in {} s: {}", schema.name,
                    schema.nextDelaySeconds, schema.problem, unreachable.isPresent() ? null : e);
            schema.retry = worker.schedule(() -> migrate(schema), schema.nextDelaySeconds, TimeUnit.SECONDS);
            schema.nextDelaySeconds = Math.min(LONGEST_RETRY_SECONDS, schema.nextDelaySeconds * 2);
        }
    }

    private static void withdraw(Schema schema) {
        if (schema.retry != null) {
            schema.retry.cancel(false);
            schema.retry = null;
        }
        schema.version = null;
        if (schema.registration != null) {
            try {
                schema.registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle stopped and took the registration with it
            }
            schema.registration = null;
        }
    }

    /** The cause, if the database could not be reached at all (SQLSTATE class 08: connection exception). */
    private static Optional<SQLException> connectionFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && ((SQLException) cause).getSQLState() != null
                    && ((SQLException) cause).getSQLState().startsWith("08")) {
                return Optional.of((SQLException) cause);
            }
        }
        return Optional.empty();
    }

    /** The service offered once a schema is up to date. */
    private record UpToDateSchema(String name, String version) implements DatabaseSchema {
    }
}
