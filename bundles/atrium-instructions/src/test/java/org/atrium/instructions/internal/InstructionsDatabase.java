package org.atrium.instructions.internal;

import java.sql.Connection;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** A fresh in-memory Derby with the client instructions' table, made by the change log atrium-database applies in Karaf. */
final class InstructionsDatabase {

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private InstructionsDatabase() {
    }

    static DataSource create() {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:instructions-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        try (Connection connection = dataSource.getConnection()) {
            var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(AnalyticsArgs.ENABLED.getKey(), false, "liquibase.command.showSummaryOutput", "log"),
                    () -> new Liquibase("db/instructions.xml", new ClassLoaderResourceAccessor(), database)
                            .update(new Contexts(), new LabelExpression()));
        } catch (Exception e) {
            throw new IllegalStateException("the instructions' change log does not apply", e);
        }
        return dataSource;
    }
}
