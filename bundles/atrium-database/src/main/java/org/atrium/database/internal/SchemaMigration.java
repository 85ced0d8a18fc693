package org.atrium.database.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.util.NetUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bundle's tables brought up to date by Liquibase: the change sets its change log holds and the
 * database has not recorded are applied in order, under Liquibase's lock (so that two Atrium nodes never
 * apply them at once). Every schema's change sets are recorded in Liquibase's DATABASECHANGELOG, told apart
 * by the change log's path (which is why it must be unique, e.g. {@code db/<schema>.xml}). Change sets of
 * this change log that the database recorded but the change log does not hold mean that a newer version
 * upgraded it: then nothing is changed. (A table of its own per schema was tried: Liquibase 4.33 then takes
 * the table for missing on its second run in the same JVM, on Derby, and fails creating it again.)
 */
final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    /**
     * Added to the host name Liquibase writes into its lock: which process on which machine holds it, so that
     * a lock left by a migration cut off in this process (its bundle refreshed mid-way), or by a process that
     * is gone, is released instead of waited for (Liquibase waits five minutes, then fails).
     */
    private static final String HOLDER_PREFIX = "#atrium-pid-";
    private static final Pattern HOLDER = Pattern.compile(Pattern.quote(HOLDER_PREFIX) + "(\\d+)");
    /** A lock of another, living holder: waited for this long, then the next try (SchemaExtender). */
    private static final int LOCK_WAIT_MINUTES = 1;

    static {
        // read once by Liquibase's lock statement
        System.setProperty("liquibase.hostDescription", HOLDER_PREFIX + ProcessHandle.current().pid());
    }

    private final String name;
    private final String changelog;
    private final ClassLoader resources;

    SchemaMigration(String name, String changelog, ClassLoader resources) {
        this.name = name;
        this.changelog = changelog;
        this.resources = resources;
    }

    String changelog() {
        return changelog;
    }

    /**
     * Applies what is missing and returns the id of the last change set.
     *
     * @throws NewerDatabaseException if a newer version of the bundle upgraded the database
     * @throws SQLException if the database cannot be reached
     * @throws LiquibaseException if a change set fails (it is rolled back where the database allows)
     */
    String apply(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            ClassLoaderResourceAccessor accessor = new ClassLoaderResourceAccessor(resources);
            // no usage reports sent anywhere, and Liquibase's console output into the log
            Map<String, Object> scope = Map.of(AnalyticsArgs.ENABLED.getKey(), false,
                    Scope.Attr.resourceAccessor.name(), accessor, Scope.Attr.classLoader.name(), resources,
                    Scope.Attr.ui.name(), new LoggerUIService(), "liquibase.command.showSummaryOutput", "log",
                    "liquibase.changelogLockWaitTimeInMinutes", LOCK_WAIT_MINUTES);
            try {
                return Scope.child(scope, () -> {
                    // Liquibase keeps what it learnt of a database per URL: start from what the database says
                    ChangeLogHistoryServiceFactory.getInstance().resetAll();
                    LockServiceFactory.getInstance().resetAll();
                    releaseAbandonedLock(database);
                    Liquibase liquibase = new Liquibase(changelog, accessor, database);
                    // change sets of this change log that it does not hold (other schemas' are theirs)
                    List<String> unknown = liquibase.listUnexpectedChangeSets(new Contexts(), new LabelExpression())
                            .stream().filter(ran -> changelog.equals(ran.getChangeLog())).map(RanChangeSet::getId)
                            .collect(Collectors.toList());
                    if (!unknown.isEmpty()) {
                        throw new NewerDatabaseException(name, unknown);
                    }
                    liquibase.update(new Contexts(), new LabelExpression());
                    List<RanChangeSet> ours = database.getRanChangeSetList().stream()
                            .filter(ran -> changelog.equals(ran.getChangeLog())).collect(Collectors.toList());
                    return ours.isEmpty() ? "" : ours.get(ours.size() - 1).getId();
                });
            } finally {
                // Liquibase commits every change set itself; what is left open is its reading of the record
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        }
    }

    /**
     * Releases Liquibase's lock when its holder cannot be migrating: this process (whose migrations all run on
     * one thread, which is here), or a process of this machine that no longer runs. Another holder is named
     * in the log and waited for.
     */
    private void releaseAbandonedLock(Database database) throws LiquibaseException {
        LockService locks = LockServiceFactory.getInstance().getLockService(database);
        for (DatabaseChangeLogLock lock : locks.listLocks()) {
            String holder = lock.getLockedBy() == null ? "" : lock.getLockedBy();
            Matcher pid = HOLDER.matcher(holder);
            boolean thisMachine = holder.startsWith(NetUtil.getLocalHostName() + HOLDER_PREFIX) && pid.find();
            long holderPid = thisMachine ? Long.parseLong(pid.group(1)) : -1;
            if (thisMachine && (holderPid == ProcessHandle.current().pid() || ProcessHandle.of(holderPid).isEmpty())) {
                LOG.warn("Releasing the schema lock that {} took at {} and never released (a migration cut off)",
                        holder, lock.getLockGranted());
                locks.forceReleaseLock();
            } else {
                LOG.warn("The {} tables wait for the schema lock that {} holds since {}", name, holder,
                        lock.getLockGranted());
            }
        }
    }

    /** The database holds change sets of this schema that this version does not know. */
    static final class NewerDatabaseException extends Exception {
        private static final long serialVersionUID = 1L;

        NewerDatabaseException(String schema, List<String> unknown) {
            super("The database's " + schema + " tables were upgraded by a newer version of Atrium (change sets "
                    + String.join(", ", unknown) + " are unknown to this one): install that version again, or "
                    + "restore the backup taken before the upgrade. Nothing was changed.");
        }
    }
}
