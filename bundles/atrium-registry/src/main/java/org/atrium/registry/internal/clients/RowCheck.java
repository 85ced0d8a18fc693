package org.atrium.registry.internal.clients;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.SqlDialect;

/**
 * Derby: which of some clients, named by key, match a search's whole condition, read through the key's unique
 * index. Derby's optimizer picks a plan when a statement is first compiled: for a long IN list on a table that
 * was small then (an empty register as its first import begins) it scans the whole table, and keeps doing so as
 * the table grows, waiting at every row another transaction is writing (each chunk of a running import in
 * turn). Told the index, it reads the named rows only.
 * <p>
 * Derby keeps no row versions: a committed read of a row another transaction is writing waits until that
 * transaction ends. {@link Reading#AS_WRITTEN} does not wait ({@code WITH UR}) and sees rows as they are being
 * written, so what it finds are only candidates, to be read again committed.
 */
final class RowCheck {

    /** A key of the CLIENT table with a unique index. */
    enum Key {
        PK,
        CLIENT_ID_KEY;

        private String constraint(EntityManager em) {
            if (this == CLIENT_ID_KEY) {
                return "UQ_CLIENT_ID_KEY";
            }
            // the primary key's constraint has the name Derby gave it when the table was created
            return (String) em.createNativeQuery("SELECT c.CONSTRAINTNAME FROM SYS.SYSCONSTRAINTS c"
                    + " JOIN SYS.SYSTABLES t ON t.TABLEID = c.TABLEID JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = t.SCHEMAID"
                    + " WHERE t.TABLENAME = 'CLIENT' AND c.TYPE = 'P' AND s.SCHEMANAME = CURRENT SCHEMA")
                    .getSingleResult();
        }
    }

    /** Which state of a row another transaction is writing is read. */
    enum Reading {
        /** The committed one, waiting for the writer to end. */
        COMMITTED(""),
        /** The one being written, without waiting: a candidate only. */
        AS_WRITTEN(" WITH UR");

        private final String isolation;

        Reading(String isolation) {
            this.isolation = isolation;
        }

        /** The clause that ends a Derby SELECT read this way. */
        String clause() {
            return isolation;
        }
    }

    private RowCheck() {
    }

    /**
     * The rows ({@code columns}, as a SELECT list on CLIENT) of the clients with one of {@code keys} that match
     * every condition, in no particular order; {@code keys} of a fixed length make one statement text. In a
     * transaction (see {@link RegisterCore#readInTransaction}).
     */
    static List<Object[]> matching(EntityManager em, String columns, List<SqlCondition> conditions, Key key,
            List<?> keys, Reading reading) {
        List<SqlCondition> named = new ArrayList<>(conditions);
        named.add(SqlCondition.in(key.name(), keys));
        SqlCondition where = SqlCondition.all(named);
        List<Object> values = where.values();
        // plain JDBC: EclipseLink looks up a native query's parameters one by one in a list, 3 ms for 500
        try (PreparedStatement check = RegisterCore.connection(em).prepareStatement("SELECT " + columns
                + " FROM CLIENT" + SqlDialect.of(em).uniqueIndexHint(key.constraint(em)) + "WHERE " + where.text()
                + reading.clause())) {
            for (int i = 0; i < values.size(); i++) {
                check.setObject(i + 1, values.get(i));
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = check.executeQuery()) {
                int width = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PersistenceException("the check of " + keys.size() + " clients by " + key + " failed", e);
        }
    }
}
