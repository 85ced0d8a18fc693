package org.atrium.registry.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a CLIENT table of an earlier version up to the client references: EclipseLink adds the REFERENCE
 * column to an existing table but neither fills it nor adds its unique constraint (it creates constraints
 * with new tables only). Every client without a reference gets one, in short transactions of a chunk each,
 * then the constraint is added under the name a new table has.
 */
public final class ReferenceUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceUpgrade.class);
    private static final int CHUNK = 1000;
    static final String CONSTRAINT = "UQ_CLIENT_REF";

    private ReferenceUpgrade() {
    }

    static void run(JpaTemplate jpa) {
        long given = 0;
        int chunk;
        do {
            chunk = jpa.txExpr(TransactionType.Required, ReferenceUpgrade::giveChunk);
            given += chunk;
        } while (chunk == CHUNK);
        jpa.tx(TransactionType.Required, ReferenceUpgrade::requireUniqueConstraint);
        if (given > 0) {
            jpa.tx(TransactionType.Supports, em -> em.getEntityManagerFactory().getCache().evictAll());
            LOG.info("{} client(s) of an earlier version got their reference", given);
        }
    }

    private static int giveChunk(EntityManager em) {
        try {
            Connection connection = RegisterCore.connection(em);
            List<Long> keys = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT PK FROM CLIENT WHERE REFERENCE IS NULL"
                            + " FETCH FIRST " + CHUNK + " ROWS ONLY")) {
                while (rows.next()) {
                    keys.add(rows.getLong(1));
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE CLIENT SET REFERENCE = ? WHERE PK = ? AND REFERENCE IS NULL")) {
                for (long key : keys) {
                    update.setString(1, UUID.randomUUID().toString());
                    update.setLong(2, key);
                    update.addBatch();
                }
                if (!keys.isEmpty()) {
                    update.executeBatch();
                }
            }
            return keys.size();
        } catch (SQLException e) {
            throw new PersistenceException("client references could not be given", e);
        }
    }

    private static void requireUniqueConstraint(EntityManager em) {
        try {
            Connection connection = RegisterCore.connection(em);
            if (!hasIndexOnReference(connection.getMetaData())) {
                try (Statement alter = connection.createStatement()) {
                    alter.executeUpdate("ALTER TABLE CLIENT ADD CONSTRAINT " + CONSTRAINT + " UNIQUE (REFERENCE)");
                }
                LOG.info("Unique constraint {} added to the client table", CONSTRAINT);
            }
        } catch (SQLException e) {
            throw new PersistenceException("the unique constraint of client references could not be added", e);
        }
    }

    /**
     * Whether the column is indexed at all: Derby backs a unique constraint on a nullable column with an index
     * its metadata reports as not unique, and nothing but this constraint indexes the column.
     */
    private static boolean hasIndexOnReference(DatabaseMetaData metaData) throws SQLException {
        for (String table : List.of("CLIENT", "client")) { // stored upper case by Derby, lower case by some others
            try (ResultSet indexes = metaData.getIndexInfo(null, null, table, false, false)) {
                while (indexes.next()) {
                    String column = indexes.getString("COLUMN_NAME");
                    if (column != null && column.toUpperCase(Locale.ROOT).equals("REFERENCE")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
