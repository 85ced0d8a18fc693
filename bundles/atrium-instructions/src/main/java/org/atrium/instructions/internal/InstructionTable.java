package org.atrium.instructions.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.atrium.api.instructions.Instruction;

/**
 * The templates in Atrium's database (table {@code CLIENT_INSTRUCTION}, db/instructions.xml), read afresh
 * each time so that a change made on one node counts on every node at once. A change that touches two rows
 * (the default moving) is one transaction, so "exactly one default" holds for every reader.
 */
final class InstructionTable {

    private static final String COLUMNS = "ID, NAME, SUBJECT, BODY, IS_DEFAULT";

    private final DataSource dataSource;

    InstructionTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<Instruction> all() {
        return run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM CLIENT_INSTRUCTION"); ResultSet rows = select.executeQuery()) {
                List<Instruction> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(new Instruction(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getBoolean(5)));
                }
                return all;
            }
        });
    }

    /** Adds the templates if the table has none yet (the first start); false if it had some. */
    boolean fillIfEmpty(List<Instruction> first) {
        return inTransaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM CLIENT_INSTRUCTION");
                    ResultSet row = count.executeQuery()) {
                row.next();
                if (row.getInt(1) > 0) {
                    return false;
                }
            }
            for (Instruction instruction : first) {
                insert(connection, instruction);
            }
            return true;
        });
    }

    void add(Instruction instruction) {
        run(connection -> {
            insert(connection, instruction);
            return null;
        });
    }

    /** Replaces name, subject and body; false if the template is gone. */
    boolean update(Instruction instruction) {
        return run(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE CLIENT_INSTRUCTION SET NAME = ?, SUBJECT = ?, BODY = ? WHERE ID = ?")) {
                update.setString(1, instruction.name());
                update.setString(2, instruction.subject());
                update.setString(3, instruction.body());
                update.setString(4, instruction.id());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Deletes a template that is not the default; false if it is the default (or gone). */
    boolean deleteUnlessDefault(String id) {
        return run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM CLIENT_INSTRUCTION WHERE ID = ? AND IS_DEFAULT = ?")) {
                delete.setString(1, id);
                delete.setBoolean(2, false);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** Makes this template the one default, in one transaction; false if it is gone. */
    boolean makeDefault(String id) {
        return inTransaction(connection -> {
            try (PreparedStatement chosen = connection.prepareStatement(
                    "UPDATE CLIENT_INSTRUCTION SET IS_DEFAULT = ? WHERE ID = ?")) {
                chosen.setBoolean(1, true);
                chosen.setString(2, id);
                if (chosen.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement others = connection.prepareStatement(
                    "UPDATE CLIENT_INSTRUCTION SET IS_DEFAULT = ? WHERE ID <> ? AND IS_DEFAULT = ?")) {
                others.setBoolean(1, false);
                others.setString(2, id);
                others.setBoolean(3, true);
                others.executeUpdate();
            }
            return true;
        });
    }

    private static void insert(Connection connection, Instruction instruction) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO CLIENT_INSTRUCTION (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, instruction.id());
            insert.setString(2, instruction.name());
            insert.setString(3, instruction.subject());
            insert.setString(4, instruction.body());
            insert.setBoolean(5, instruction.isDefault());
            insert.executeUpdate();
        }
    }

    // --- connections

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("the client instructions in the database cannot be read or written: "
                    + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        return run(connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }
}
