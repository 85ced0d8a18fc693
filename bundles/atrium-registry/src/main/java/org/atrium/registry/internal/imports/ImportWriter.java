package org.atrium.registry.internal.imports;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.atrium.registry.internal.AuditEntity;
import org.atrium.registry.internal.ClientEntity;
import org.atrium.registry.internal.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows an import writes, sent to the database in JDBC batches on the import's own transaction (new rows
 * with COPY on PostgreSQL): through JPA every entity is tracked, compared and merged, which made an import of
 * 100,000 clients take minutes.
 * The values come from the entities ({@link ClientEntity#columnValues()} and the like), so what a row holds is
 * still decided in one place. Whoever uses this must evict the written entities from JPA's shared cache after
 * the transaction.
 */
public final class ImportWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportWriter.class);

    private final Connection connection;
    private final Rows insertClient;
    private final Statement updateClient;
    private final Statement deleteClaims;
    private final Statement deleteTerms;
    private final Statement deleteClient;
    private final Rows insertClaim;
    private final Rows insertTerm;
    private final Rows insertAudit;
    private final Rows insertUndo;
    private final KeyBlocks keys;

    /** Rows for one statement, sent together by {@link #execute()}. */
    interface Rows extends AutoCloseable {
        void add(Object... values) throws SQLException;

        /** Sends the pending rows; the number of rows each one changed. */
        int[] execute() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** A prepared statement, the SQL types of its parameters (for nulls) and its pending batch size. */
    private static final class Statement implements Rows {
        final PreparedStatement prepared;
        final int[] types;
        int pending;

        Statement(Connection connection, String sql) throws SQLException {
            prepared = connection.prepareStatement(sql);
            ParameterMetaData parameters = prepared.getParameterMetaData();
            types = new int[parameters.getParameterCount()];
            for (int i = 0; i < types.length; i++) {
                types[i] = parameters.getParameterType(i + 1);
            }
        }

        @Override
        public void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    prepared.setNull(i + 1, types[i]);
                } else {
                    prepared.setObject(i + 1, values[i]);
                }
            }
            prepared.addBatch();
            pending++;
        }

        @Override
        public int[] execute() throws SQLException {
            if (pending == 0) {
                return new int[0];
            }
            pending = 0;
            return prepared.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            prepared.close();
        }
    }

    /** @param keys the keys taken ahead for this write; more come from the generators' table in its transaction */
    ImportWriter(Connection connection, SqlDialect dialect, KeyBlocks keys) throws SQLException {
        this.connection = connection;
        this.keys = keys;
        List<String> clientColumns = ClientEntity.COLUMNS;
        boolean copy = dialect.loadsRowsWithCopy() && CopyRows.available(connection);
        if (dialect.loadsRowsWithCopy() && !copy) {
            LOG.warn("The database connection does not lead to PostgreSQL's driver (a pool that hides it?): this "
                    + "import sends its new rows as INSERT batches instead of COPY, several times slower");
        }
        insertClient = inserts(connection, copy, "CLIENT", clientColumns);
        List<String> assignments = new ArrayList<>();
        for (String column : clientColumns.subList(1, clientColumns.size())) { // all but PK
            assignments.add(column + " = ?");
        }
        updateClient = new Statement(connection, "UPDATE CLIENT SET " + String.join(", ", assignments)
                + " WHERE PK = ? AND VERSION = ?");
        deleteClaims = new Statement(connection, "DELETE FROM CLIENT_EMAIL WHERE CLIENT_PK = ?");
        deleteTerms = new Statement(connection, "DELETE FROM CLIENT_TERM WHERE CLIENT_PK = ?");
        deleteClient = new Statement(connection, "DELETE FROM CLIENT WHERE PK = ? AND VERSION = ?");
        insertClaim = inserts(connection, copy, "CLIENT_EMAIL", List.of("CLIENT_PK", "EMAIL_KEY"));
        insertTerm = inserts(connection, copy, "CLIENT_TERM", List.of("CLIENT_PK", "TERM"));
        insertAudit = inserts(connection, copy, "AUDIT_EVENT", AuditEntity.COLUMNS);
        insertUndo = inserts(connection, copy, "IMPORT_UNDO", ImportUndoEntity.COLUMNS);
    }

    /** New rows of a table: COPY on PostgreSQL, INSERTs in JDBC batches elsewhere. */
    private static Rows inserts(Connection connection, boolean copy, String table, List<String> columns)
            throws SQLException {
        if (copy) {
            return CopyRows.into(connection, table, columns);
        }
        return new Statement(connection, "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")");
    }

    /**
     * {@code count} consecutive keys of a JPA table generator: from the block taken ahead, or (if the file
     * changed meanwhile, say a client to update was deleted) from the generator's table.
     *
     * @return the first key
     */
    long reserveKeys(String generator, int count) throws SQLException {
        long first = keys.next(generator, count);
        return first >= 0 ? first : KeyBlocks.reserve(connection, generator, count);
    }

    void insert(ClientEntity client) throws SQLException {
        insertClient.add(client.columnValues());
        claim(client);
        index(client, client.searchTermsOfFields());
    }

    /**
     * An UPDATE of every column that succeeds only if the row is still at {@code readVersion}; the search words
     * are rewritten only if they changed (a bulk edit of offices or flags leaves them).
     */
    void update(ClientEntity client, long readVersion, Set<String> wordsBefore) throws SQLException {
        Object[] values = client.columnValues();
        Object[] parameters = new Object[values.length + 1];
        System.arraycopy(values, 1, parameters, 0, values.length - 1);
        parameters[values.length - 1] = values[0];
        parameters[values.length] = readVersion;
        updateClient.add(parameters);
        deleteClaims.add(client.pk());
        claim(client);
        Set<String> words = client.searchTermsOfFields();
        if (!wordsBefore.equals(words)) {
            deleteTerms.add(client.pk());
            index(client, words);
        }
    }

    /** A DELETE that succeeds only if the row is still at the version it was read at. */
    void delete(ClientEntity client) throws SQLException {
        deleteClaims.add(client.pk());
        deleteTerms.add(client.pk());
        deleteClient.add(client.pk(), client.version());
    }

    private void claim(ClientEntity client) throws SQLException {
        for (String email : client.claimedEmailKeys()) {
            insertClaim.add(client.pk(), email);
        }
    }

    private void index(ClientEntity client, Set<String> words) throws SQLException {
        for (String term : words) {
            insertTerm.add(client.pk(), term);
        }
    }

    void audit(AuditEntity entry, long id) throws SQLException {
        insertAudit.add(entry.columnValues(id));
    }

    void undo(ImportUndoEntity undo, long id) throws SQLException {
        insertUndo.add(undo.columnValues(id));
    }

    /**
     * Sends the pending rows; old email claims and search terms go before new ones.
     *
     * @return {@code false} if a client to update or delete was changed by someone else since it was read
     */
    boolean execute() throws SQLException {
        deleteClaims.execute();
        deleteTerms.execute();
        boolean unchanged = allOne(deleteClient.execute());
        insertClient.execute();
        unchanged &= allOne(updateClient.execute());
        insertClaim.execute();
        insertTerm.execute();
        insertAudit.execute();
        insertUndo.execute();
        return unchanged;
    }

    private static boolean allOne(int[] counts) {
        for (int count : counts) {
            if (count != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws SQLException {
        for (Rows rows : List.of(insertClient, updateClient, deleteClaims, deleteTerms, deleteClient, insertClaim,
                insertTerm, insertAudit, insertUndo)) {
            rows.close();
        }
    }
}
