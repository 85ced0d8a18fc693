package org.atrium.registry.internal.clients;

import java.util.List;
import java.util.OptionalLong;

import javax.persistence.EntityManager;

import org.atrium.registry.internal.SearchWords;

/**
 * Reads of CLIENT_TERM (see {@link SearchWords}): the clients with a query's word, or with a word that begins
 * with it, as a range of the table's primary key (TERM, CLIENT_PK), which the database reads from the index
 * alone.
 */
final class ClientTerms {

    private static final String RANGE = "SELECT CLIENT_PK FROM CLIENT_TERM WHERE TERM >= ? AND TERM < ?";
    private static final String COUNT = "SELECT COUNT(DISTINCT CLIENT_PK) FROM CLIENT_TERM WHERE TERM >= ? AND TERM < ?";
    private static final String EQUAL = "SELECT CLIENT_PK FROM CLIENT_TERM WHERE TERM = ?";

    private ClientTerms() {
    }

    /**
     * The clients with the word (or, {@code beginning}, a word that begins with it), each once; entries past
     * {@code limit} are not read, and a list of {@code limit} keys means "that many or more" (some may then be
     * repeats).
     */
    static List<Long> clientsWith(EntityManager em, String word, boolean beginning, int limit) {
        if (!beginning) {
            return keys(em.createNativeQuery(EQUAL).setParameter(1, word).setMaxResults(limit).getResultList());
        }
        List<Long> clients = entries(em, word, limit);
        return clients.size() < limit ? clients.stream().distinct().toList() : clients;
    }

    /**
     * How many clients have a word that begins with {@code word}, up to {@code limit} (which means "at least
     * that many"); empty if the first {@code limit} entries were too few clients to tell (one client's several
     * words that begin with it).
     */
    static OptionalLong countBeginning(EntityManager em, String word, int limit) {
        List<Long> entries = entries(em, word, limit);
        long clients = entries.stream().distinct().count();
        if (entries.size() < limit || clients == limit) {
            return OptionalLong.of(clients);
        }
        return OptionalLong.empty();
    }

    /** How many clients have a word that begins with {@code word}: every entry of the range, from the index. */
    static long countAllBeginning(EntityManager em, String word) {
        return ((Number) em.createNativeQuery(COUNT).setParameter(1, word)
                .setParameter(2, SearchWords.upperBound(word)).getSingleResult()).longValue();
    }

    private static List<Long> entries(EntityManager em, String word, int limit) {
        return keys(em.createNativeQuery(RANGE).setParameter(1, word).setParameter(2, SearchWords.upperBound(word))
                .setMaxResults(limit).getResultList());
    }

    private static List<Long> keys(List<?> column) {
        return column.stream().map(key -> ((Number) key).longValue()).toList();
    }
}
