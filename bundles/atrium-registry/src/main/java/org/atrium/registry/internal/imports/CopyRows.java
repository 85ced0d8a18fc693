package org.atrium.registry.internal.imports;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * New rows of one table sent to PostgreSQL with {@code COPY ... FROM STDIN} (CSV) on the import's connection,
 * inside its transaction: one statement for a chunk, parsed once, instead of an INSERT per row. Only loaded
 * when the register runs on PostgreSQL (the bundle imports the driver's packages optionally).
 */
final class CopyRows implements ImportWriter.Rows {

    private final CopyManager copy;
    private final String sql;
    private final StringBuilder csv = new StringBuilder();
    private int pending;

    private CopyRows(CopyManager copy, String table, List<String> columns) {
        this.copy = copy;
        this.sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)";
    }

    /** COPY into {@code table}, if the connection is PostgreSQL's (through any pool's wrappers). */
    static CopyRows into(Connection connection, String table, List<String> columns) throws SQLException {
        return new CopyRows(connection.unwrap(PGConnection.class).getCopyAPI(), table, columns);
    }

    static boolean available(Connection connection) {
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A row; {@code null} is SQL NULL, every other value quoted (so an empty text stays empty, not NULL). */
    @Override
    public void add(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            if (values[i] != null) {
                // Timestamp and Date print as PostgreSQL reads them (local time, as setObject sends them)
                csv.append('"').append(values[i].toString().replace("\"", "\"\"")).append('"');
            }
        }
        csv.append('\n');
        pending++;
    }

    @Override
    public int[] execute() throws SQLException {
        if (pending == 0) {
            return new int[0];
        }
        try {
            copy.copyIn(sql, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY of the import's rows failed", e);
        }
        int[] counts = new int[pending];
        Arrays.fill(counts, 1);
        csv.setLength(0);
        pending = 0;
        return counts;
    }

    @Override
    public void close() {
        // nothing held: the connection is the transaction's
    }
}
