package org.atrium.registry.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every client whose SEARCH_TEXT is empty (written before search words, see change set 5 of
 * db/register.xml) its words, in SEARCH_TEXT and CLIENT_TERM, in short transactions of a chunk each, with
 * plain JDBC batches: through JPA a million clients took minutes more, one entity and one collection read each.
 */
final class SearchWordsUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(SearchWordsUpgrade.class);
    private static final int CHUNK = 1000;
    private static final int PROGRESS_EVERY = 100 * CHUNK;
    private static final String OUTDATED = "SELECT PK, CLIENT_ID_KEY, NAME_KEY, EMAIL_KEY, SPOUSE_NAME_KEY,"
            + " SPOUSE_EMAIL_KEY FROM CLIENT WHERE SEARCH_TEXT IS NULL AND PK > ? ORDER BY PK FETCH FIRST " + CHUNK
            + " ROWS ONLY";

    private SearchWordsUpgrade() {
    }

    /** @return how many clients got their words */
    static long run(JpaTemplate jpa) {
        long after = Long.MIN_VALUE;
        long upgraded = 0;
        while (true) {
            long from = after;
            Chunk chunk = jpa.txExpr(TransactionType.Required, em -> upgradeChunk(em, from));
            if (chunk.clients() == 0) {
                break;
            }
            after = chunk.lastKey();
            upgraded += chunk.clients();
            if (upgraded % PROGRESS_EVERY == 0) {
                LOG.info("Indexing the words of clients written by an earlier version: {} done so far", upgraded);
            }
        }
        return upgraded;
    }

    /** The clients given their words in one transaction, and the last one's key. */
    private record Chunk(int clients, long lastKey) {
    }

    private static Chunk upgradeChunk(EntityManager em, long after) {
        try {
            Connection connection = RegisterCore.connection(em);
            Map<Long, Set<String>> words = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(OUTDATED)) {
                select.setLong(1, after);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        words.put(rows.getLong(1), SearchWords.terms(rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6)));
                    }
                }
            }
            if (words.isEmpty()) {
                return new Chunk(0, after);
            }
            try (PreparedStatement clear = connection.prepareStatement("DELETE FROM CLIENT_TERM WHERE CLIENT_PK = ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO CLIENT_TERM (CLIENT_PK, TERM) VALUES (?, ?)");
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE CLIENT SET SEARCH_TEXT = ? WHERE PK = ?")) {
                for (Map.Entry<Long, Set<String>> client : words.entrySet()) {
                    clear.setLong(1, client.getKey());
                    clear.addBatch();
                    for (String term : client.getValue()) {
                        insert.setLong(1, client.getKey());
                        insert.setString(2, term);
                        insert.addBatch();
                    }
                    update.setString(1, SearchWords.text(client.getValue()));
                    update.setLong(2, client.getKey());
                    update.addBatch();
                }
                clear.executeBatch();
                insert.executeBatch();
                update.executeBatch();
            }
            long last = after;
            for (long key : words.keySet()) {
                last = key;
            }
            return new Chunk(words.size(), last);
        } catch (SQLException e) {
            throw new PersistenceException("the search words of earlier clients could not be written", e);
        }
    }
}
