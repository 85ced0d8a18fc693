package org.atrium.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

    private final EmbeddedDataSource database = new EmbeddedDataSource();
    private final SchemaMigration notes = new SchemaMigration("firm-notes", "db/notes.xml", getClass().getClassLoader());

    @BeforeAll
    static void derbyLogInTarget() {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    SchemaMigrationTest() {
        database.setDatabaseName("memory:" + UUID.randomUUID());
        database.setCreateDatabase("create");
    }

    @Test
    void createsTheTablesAndRecordsEveryChangeSet() throws Exception {
        assertEquals("2-note-author", notes.apply(database));

        execute("INSERT INTO NOTE (ID, TEXT, AUTHOR) VALUES (1, 'kept', 'pat')");
        assertEquals(2, count("SELECT COUNT(*) FROM DATABASECHANGELOG"));
    }

    @Test
    void appliesOnlyWhatIsMissingAndKeepsTheRows() throws Exception {
        notes.apply(database);
        execute("INSERT INTO NOTE (ID, TEXT, AUTHOR) VALUES (1, 'kept', 'pat')");

        assertEquals("2-note-author", notes.apply(database));

        assertEquals(1, count("SELECT COUNT(*) FROM NOTE WHERE TEXT = 'kept'"));
        assertEquals(2, count("SELECT COUNT(*) FROM DATABASECHANGELOG"));
    }

    @Test
    void upgradesADatabaseOfAnEarlierVersion() throws Exception {
        SchemaMigration first = new SchemaMigration("firm-notes", "db/notes.xml", getClass().getClassLoader());
        first.apply(database);
        execute("DELETE FROM DATABASECHANGELOG WHERE ID = '2-note-author'");
        execute("ALTER TABLE NOTE DROP COLUMN AUTHOR");
        execute("INSERT INTO NOTE (ID, TEXT) VALUES (7, 'from the earlier version')");

        notes.apply(database);

        execute("UPDATE NOTE SET AUTHOR = 'pat' WHERE ID = 7");
        assertEquals(1, count("SELECT COUNT(*) FROM NOTE WHERE TEXT = 'from the earlier version' AND AUTHOR = 'pat'"));
    }

    @Test
    void anotherBundlesChangeSetsAreItsOwn() throws Exception {
        notes.apply(database);

        assertEquals("2-reminder-author", new SchemaMigration("firm-reminders", "db/reminders.xml",
                getClass().getClassLoader()).apply(database));
        assertEquals("2-note-author", notes.apply(database));
        assertEquals(4, count("SELECT COUNT(*) FROM DATABASECHANGELOG"));
    }

    @Test
    void aLockThatAMigrationCutOffInThisProcessLeftIsReleased() throws Exception {
        notes.apply(database);
        execute("DELETE FROM DATABASECHANGELOG WHERE ID = '2-note-author'");
        execute("ALTER TABLE NOTE DROP COLUMN AUTHOR");
        execute("UPDATE DATABASECHANGELOGLOCK SET LOCKED = TRUE, LOCKGRANTED = CURRENT_TIMESTAMP, LOCKEDBY = '"
                + liquibase.util.NetUtil.getLocalHostName() + "#atrium-pid-" + ProcessHandle.current().pid()
                + " (127.0.0.1)' WHERE ID = 1");

        assertEquals("2-note-author", notes.apply(database));
        assertEquals(0, count("SELECT COUNT(*) FROM DATABASECHANGELOGLOCK WHERE LOCKED = TRUE"));
    }

    @Test
    void refusesADatabaseANewerVersionUpgradedAndChangesNothing() throws Exception {
        notes.apply(database);
        execute("DELETE FROM DATABASECHANGELOG WHERE ID = '2-note-author'");
        execute("ALTER TABLE NOTE DROP COLUMN AUTHOR");
        execute("INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE) "
                + "VALUES ('3-from-the-future', 'test', 'db/notes.xml', CURRENT_TIMESTAMP, 3, 'EXECUTED')");

        SchemaMigration.NewerDatabaseException refused = assertThrows(SchemaMigration.NewerDatabaseException.class,
                () -> notes.apply(database));

        assertTrue(refused.getMessage().contains("3-from-the-future"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Nothing was changed"), refused.getMessage());
        assertThrows(SQLException.class, () -> execute("UPDATE NOTE SET AUTHOR = 'x'"), "2-note-author was not applied");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
