package org.atrium.registry.internal.clients;

import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.Query;

import org.atrium.registry.internal.clients.RowCheck.Reading;

/**
 * Derby: the clients whose search text matches a query's LIKE patterns, read without waiting for other
 * transactions' locks ({@code WITH UR}). Derby keeps no row versions: a committed read of every row waits for
 * each row another transaction is writing, and an import writing chunk after chunk at the end of the table kept
 * a search for text inside words waiting for one chunk after another (up to 1.3 s in ImportBenchmark).
 * <p>
 * Read so, rows not yet committed are seen, and a row whose committed text matches but whose text being written
 * does not is missed: what this returns are only candidates, which the caller checks again by key, committed
 * (waiting only for a candidate that is being written, until its transaction ends).
 */
final class UncommittedTextScan {

    private UncommittedTextScan() {
    }

    /**
     * The keys of the clients whose search text matches every pattern, committed or not; empty if there are
     * more than {@code limit} (checking that many again by key would take longer than reading the table once).
     */
    static Optional<List<Long>> candidates(EntityManager em, List<String> patterns, int limit) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("no text to scan for");
        }
        StringBuilder sql = new StringBuilder("SELECT PK FROM CLIENT WHERE ");
        for (int i = 0; i < patterns.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append("SEARCH_TEXT LIKE ?");
        }
        // one more row than the limit tells "too many"
        sql.append(" FETCH FIRST ").append(limit + 1).append(" ROWS ONLY").append(Reading.AS_WRITTEN.clause());
        Query scan = em.createNativeQuery(sql.toString());
        for (int i = 0; i < patterns.size(); i++) {
            scan.setParameter(i + 1, patterns.get(i));
        }
        List<Long> keys = ((List<?>) scan.getResultList()).stream().map(key -> ((Number) key).longValue()).toList();
        return keys.size() > limit ? Optional.empty() : Optional.of(keys);
    }
}
