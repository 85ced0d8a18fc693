package org.atrium.database.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

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
                    Scope.Attr.ui.name(), new LoggerUIService(), "liquibase.command.showSummaryOutput", "log");
            try {
                return Scope.child(scope, () -> {
                    // Liquibase keeps what it learnt of a database per URL: start from what the database says
                    ChangeLogHistoryServiceFactory.getInstance().resetAll();
                    LockServiceFactory.getInstance().resetAll();
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
