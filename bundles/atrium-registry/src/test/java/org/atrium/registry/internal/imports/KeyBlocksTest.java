package org.atrium.registry.internal.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyBlocksTest {

    private Connection connection;

    @BeforeEach
    void generatorTable() throws SQLException {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        connection = DriverManager.getConnection("jdbc:derby:memory:keys-" + UUID.randomUUID() + ";create=true");
        try (Statement ddl = connection.createStatement()) {
            // as register-1-derby.sql makes it
            ddl.execute("CREATE TABLE ID_GENERATOR (NAME VARCHAR(50) NOT NULL, NEXT_VALUE DECIMAL(15),"
                    + " PRIMARY KEY (NAME))");
            ddl.execute("INSERT INTO ID_GENERATOR (NAME, NEXT_VALUE) VALUES ('CLIENT_PK', 10)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aBlockTakenAheadHandsOutItsKeysInTurnAndMovesTheGeneratorPastThem() throws SQLException {
        KeyBlocks keys = KeyBlocks.take(connection, Map.of("CLIENT_PK", 3L, "AUDIT_PK", 0L));

        assertEquals(13, nextValue("CLIENT_PK"), "JPA's next block starts after the import's");
        assertEquals(11, keys.next("CLIENT_PK", 2));
        assertEquals(-1, keys.next("CLIENT_PK", 2), "one key left: not enough");
        assertEquals(13, keys.next("CLIENT_PK", 1));
        assertEquals(-1, keys.next("AUDIT_PK", 1), "none taken of a generator asked for none");
    }

    @Test
    void aGeneratorNotYetInTheTableStartsAtOne() throws SQLException {
        assertEquals(1, KeyBlocks.reserve(connection, "AUDIT_PK", 5));
        assertEquals(6, KeyBlocks.reserve(connection, "AUDIT_PK", 2));
        assertEquals(7, nextValue("AUDIT_PK"));
    }

    private long nextValue(String generator) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet value = query.executeQuery("SELECT NEXT_VALUE FROM ID_GENERATOR WHERE NAME = '" + generator
                        + "'")) {
            value.next();
            return value.getLong(1);
        }
    }
}
