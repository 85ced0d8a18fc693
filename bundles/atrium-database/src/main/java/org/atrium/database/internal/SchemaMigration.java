package org.atrium.database.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * One bundle's tables brought up to date by Liquibase: the change sets its change log holds and the
 * database has not recorded are applied in order, under Liquibase's lock (so that two Atrium nodes never
 * apply them at once). Each schema keeps its own record ({@code <NAME>_CHANGELOG}), so a bundle's change
 * sets are told apart from another's, and change sets the database recorded but the change log does not
 * know mean a newer version upgraded it: then nothing is changed.
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

    /** The table recording this schema's change sets. */
    String historyTable() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_') + "_CHANGELOG";
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
            database.setDatabaseChangeLogTableName(historyTable());
            database.setDatabaseChangeLogLockTableName(historyTable() + "_LOCK");
            ClassLoaderResourceAccessor accessor = new ClassLoaderResourceAccessor(resources);
            // no usage reports sent anywhere, and Liquibase's console output into the log
            Map<String, Object> scope = Map.of(AnalyticsArgs.ENABLED.getKey(), false,
                    Scope.Attr.resourceAccessor.name(), accessor, Scope.Attr.classLoader.name(), resources,
                    Scope.Attr.ui.name(), new LoggerUIService(), "liquibase.command.showSummaryOutput", "log");
            return Scope.child(scope, () -> {
                Liquibase liquibase = new Liquibase(changelog, accessor, database);
                Collection<RanChangeSet> unknown = liquibase.listUnexpectedChangeSets(new Contexts(), new LabelExpression());
                if (!unknown.isEmpty()) {
                    throw new NewerDatabaseException(name, unknown.stream().map(RanChangeSet::getId)
                            .collect(Collectors.toList()));
                }
                liquibase.update(new Contexts(), new LabelExpression());
                List<RanChangeSet> ran = database.getRanChangeSetList();
                return ran.isEmpty() ? "" : ran.get(ran.size() - 1).getId();
            });
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
