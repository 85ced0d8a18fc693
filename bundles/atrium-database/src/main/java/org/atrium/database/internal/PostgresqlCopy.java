package org.atrium.database.internal;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.atrium.api.database.DatabaseCopy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies Atrium's database, every table of every schema, into another (empty) database: the tables are
 * created there by the same change logs, then the rows copied in one transaction of the target, parents
 * before children, so that it has all of them or none. Values are copied as stored: tax IDs stay encrypted
 * with the key in data/atrium, their hashes and the API tokens' still match. The source is read in one
 * serializable transaction, a consistent picture; writes to it wait until the copy is done.
 */
@Component(service = DatabaseCopy.class)
public class PostgresqlCopy implements DatabaseCopy {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresqlCopy.class);
    private static final int BATCH = 1000;
    /** Liquibase's own record is written by the change logs themselves. */
    private static final Set<String> NOT_COPIED = Set.of("DATABASECHANGELOG", "DATABASECHANGELOGLOCK");
    /** Filled by the first change set (the key generators' rows): replaced by the source's. */
    private static final Set<String> SEEDED = Set.of("ID_GENERATOR");

    private final DataSource source;
    private final SchemaExtender schemas;
    private final DataSourceFactory postgresql;

    @Activate
    public PostgresqlCopy(@Reference(target = "(osgi.jndi.service.name=atrium)") DataSource source,
            @Reference SchemaExtender schemas,
            @Reference(target = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_NAME + "=PostgreSQL JDBC Driver)")
            DataSourceFactory postgresql) {
        this.source = source;
        this.schemas = schemas;
        this.postgresql = postgresql;
    }

    @Override
    public Map<String, Long> copyToPostgresql(String url, String user, String password) throws SQLException {
        if (!DataSourceSettings.isPostgresqlUrl(url)) {
            throw new IllegalArgumentException("The URL must be jdbc:postgresql://HOST:PORT/DATABASE. Nothing was copied.");
        }
        Properties settings = new Properties();
        settings.setProperty(DataSourceFactory.JDBC_URL, url);
        settings.setProperty(DataSourceFactory.JDBC_USER, user);
        settings.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        return copyTo(postgresql.createDataSource(settings));
    }

    /**
     * Copies into {@code target}, which must hold no Atrium data; returns the rows copied per table.
     *
     * @throws IllegalStateException naming why nothing was copied
     */
    Map<String, Long> copyTo(DataSource target) throws SQLException {
        try (Connection from = source.getConnection(); Connection to = target.getConnection()) {
            if (from.getMetaData().getURL().equals(to.getMetaData().getURL())) {
                throw new IllegalStateException("That is the database Atrium uses now; name another.");
            }
            createTables(target);
            from.setAutoCommit(false);
            from.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            to.setAutoCommit(false);
            List<String> tables = parentsFirst(to, tables(from));
            refuseData(to, tables);
            Map<String, Long> copied = new LinkedHashMap<>();
            try {
                for (String table : tables) {
                    if (SEEDED.contains(table)) {
                        try (Statement clear = to.createStatement()) {
                            clear.executeUpdate("DELETE FROM " + table);
                        }
                    }
                    copied.put(table, copy(from, to, table));
                }
                to.commit();
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            } finally {
                from.rollback();
            }
            LOG.info("Atrium's database copied to {}: {}", to.getMetaData().getURL(), copied);
            return copied;
        }
    }

    /** Every schema's tables in the target, from the same change logs. */
    private void createTables(DataSource target) throws SQLException {
        try {
            schemas.migrateAll(target);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The target's tables could not be created: " + e.getMessage()
                    + ". Nothing was copied.", e);
        }
    }

    /** The tables of the source's schema, in upper case. */
    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME").toUpperCase(Locale.ROOT);
                if (!NOT_COPIED.contains(name)) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /** The tables ordered so that every table comes after those its foreign keys point to. */
    private static List<String> parentsFirst(Connection target, List<String> tables) throws SQLException {
        DatabaseMetaData meta = target.getMetaData();
        Map<String, Set<String>> parents = new TreeMap<>();
        for (String table : tables) {
            Set<String> of = new LinkedHashSet<>();
            try (ResultSet keys = meta.getImportedKeys(null, target.getSchema(), name(meta, table))) {
                while (keys.next()) {
                    String parent = keys.getString("PKTABLE_NAME").toUpperCase(Locale.ROOT);
                    if (!parent.equals(table)) {
                        of.add(parent);
                    }
                }
            }
            parents.put(table, of);
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < tables.size()) {
            int before = ordered.size();
            for (String table : parents.keySet()) {
                if (!ordered.contains(table) && ordered.containsAll(parents.get(table))) {
                    ordered.add(table);
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("The tables' foreign keys go round in a circle: " + parents);
            }
        }
        return ordered;
    }

    private static void refuseData(Connection target, List<String> tables) throws SQLException {
        for (String table : tables) {
            if (SEEDED.contains(table)) {
                continue;
            }
            try (Statement statement = target.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    throw new IllegalStateException("The target database already holds data (" + table + " has "
                            + rows.getLong(1) + " rows): copy into an empty database. Nothing was copied.");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("The target database has no table " + table + " after its "
                        + "upgrade: " + e.getMessage() + ". Nothing was copied.", e);
            }
        }
    }

    private static long copy(Connection from, Connection to, String table) throws SQLException {
        try (Statement select = from.createStatement(); ResultSet rows = select.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rows.getMetaData();
            int count = columns.getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                names.add(columns.getColumnName(i).toUpperCase(Locale.ROOT));
            }
            int[] targetTypes = targetTypes(to, table, names);
            String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + "?, ".repeat(count - 1) + "?)";
            long copied = 0;
            try (PreparedStatement write = to.prepareStatement(insert)) {
                while (rows.next()) {
                    for (int i = 1; i <= count; i++) {
                        Object value = rows.getObject(i);
                        if (value instanceof Number && targetTypes[i - 1] == Types.BOOLEAN
                                || value instanceof Number && targetTypes[i - 1] == Types.BIT) {
                            value = ((Number) value).intValue() != 0; // Derby keeps flags as SMALLINT
                        } else if (value instanceof Blob blob) {
                            value = blob.getBytes(1, (int) blob.length()); // BYTEA on PostgreSQL, not a large object
                        } else if (value instanceof Clob clob) {
                            value = clob.getSubString(1, (int) clob.length()); // TEXT on PostgreSQL, likewise
                        }
                        write.setObject(i, value);
                    }
                    write.addBatch();
                    if (++copied % BATCH == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
            return copied;
        }
    }

    private static int[] targetTypes(Connection to, String table, List<String> names) throws SQLException {
        Map<String, Integer> types = new TreeMap<>();
        DatabaseMetaData meta = to.getMetaData();
        try (ResultSet columns = meta.getColumns(null, to.getSchema(), name(meta, table), "%")) {
            while (columns.next()) {
                types.put(columns.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), columns.getInt("DATA_TYPE"));
            }
        }
        int[] result = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Integer type = types.get(names.get(i));
            if (type == null) {
                throw new IllegalStateException("The target's table " + table + " has no column " + names.get(i)
                        + ". Nothing was copied.");
            }
            result[i] = type;
        }
        return result;
    }

    /** A name as the database keeps unquoted names: PostgreSQL in lower case, Derby in upper. */
    private static String name(DatabaseMetaData meta, String upper) throws SQLException {
        return meta.storesLowerCaseIdentifiers() ? upper.toLowerCase(Locale.ROOT) : upper;
    }
}
