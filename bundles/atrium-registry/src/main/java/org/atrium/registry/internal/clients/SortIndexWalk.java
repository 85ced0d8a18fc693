package org.atrium.registry.internal.clients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.atrium.api.client.SortField;

/**
 * The first matches of a condition in a sort order, read by walking the order's index (Derby). Derby plans as if
 * every row were wanted, whatever FETCH FIRST says: asked for the first page of clients with a common word, or
 * of a staff member's offices, by name, it finds every match and sorts them all (a second at a million clients).
 * Walked instead: the next keys in the order, read from the sort index alone, then which of them match, in
 * windows of a few hundred keys, until enough are found. Matches that are many fill a page in a window or two;
 * matches that are few, or that sit late in the order, would have the walk fetch much of the table at random,
 * so it gives up after a number of keys and the caller reads every match once instead.
 * <p>
 * Sorts walked: those with an ascending index that ends in the client ID key (client ID, name, email, office
 * location). Derby's indexes are read forwards only, so a descending order is not walked.
 */
final class SortIndexWalk {

    /**
     * How far a walk goes: keys read and checked per statement (the check pads its IN list to this length, one
     * statement text), and keys walked before giving up.
     */
    record Limits(int window, int maxWalked) {
    }

    /**
     * Windows of 500 keys, at most 10,000 keys: about 50 to 100 ms on Derby at a million clients (keys read from
     * the index, then each matched against its row), a tenth of reading every row once.
     */
    static final Limits LIMITS = new Limits(500, 10_000);

    /**
     * @param matches the keys of the matching clients in the sort order, at most the number wanted
     * @param complete whether the walk reached the end of the order (the matches are then all there are)
     */
    record Walked(List<Long> matches, boolean complete) {
    }

    private SortIndexWalk() {
    }

    /** Whether {@code sort} has an index to walk in this direction. */
    static boolean walks(SortField sort, boolean descending) {
        return !descending && sortPath(sort).isPresent();
    }

    /**
     * The first {@code wanted} clients, in the order of {@code sort} (ties by client ID key), that match the JPQL
     * WHERE clause over {@code c} ({@code clause} empty or starting with " WHERE "); empty if more than
     * {@code limits.maxWalked()} keys would have to be read to tell.
     */
    static Optional<Walked> walk(EntityManager em, String clause, Map<String, Object> parameters, SortField sort,
            int wanted, Limits limits) {
        String path = sortPath(sort).orElseThrow(() -> new IllegalArgumentException("no index to walk for " + sort));
        TypedQuery<Object[]> check = em.createQuery("SELECT c.clientIdKey, c.pk FROM ClientEntity c"
                + (clause.isEmpty() ? " WHERE " : clause + " AND ") + "c.clientIdKey IN :window", Object[].class);
        parameters.forEach(check::setParameter);
        Order order = new Order(em, path, limits.window());
        Set<Long> matches = new LinkedHashSet<>();
        int walked = 0;
        while (matches.size() < wanted) {
            if (walked >= limits.maxWalked()) {
                return Optional.empty();
            }
            List<String> window = order.next();
            walked += window.size();
            if (!window.isEmpty()) {
                matches.addAll(matchesInOrder(check, window, limits.window()));
            }
            if (window.size() < limits.window()) {
                return Optional.of(new Walked(List.copyOf(matches), true));
            }
        }
        return Optional.of(new Walked(List.copyOf(matches).subList(0, wanted), false));
    }

    /** The keys of the window's clients that match, in the window's order. */
    private static List<Long> matchesInOrder(TypedQuery<Object[]> check, List<String> window, int length) {
        List<String> padded = new ArrayList<>(window);
        while (padded.size() < length) {
            padded.add(window.get(0)); // the same length each time: the same statement
        }
        Map<String, Long> matching = new HashMap<>();
        check.setParameter("window", padded).getResultList().forEach(row -> matching.put((String) row[0], (Long) row[1]));
        List<Long> keys = new ArrayList<>();
        for (String clientIdKey : window) {
            Long key = matching.get(clientIdKey);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * The client ID keys in the sort order, a window at a time, read from the index alone (its columns are the
     * sort column and the client ID key). After the first window, a sort by another column goes on among the
     * rows with the same value as the last key (an index range that starts at both columns), then past that
     * value: one condition with an OR would start the range at the value and read every row with it again,
     * all of them for an office.
     */
    private static final class Order {

        private final EntityManager em;
        private final String path;
        private final int size;
        private Object lastValue;
        private String lastClientIdKey;

        Order(EntityManager em, String path, int size) {
            this.em = em;
            this.path = path;
            this.size = size;
        }

        List<String> next() {
            List<Object[]> rows;
            if (lastClientIdKey == null) {
                rows = window("", Map.of(), size);
            } else if (path.equals(CLIENT_ID)) {
                rows = window(" WHERE c.clientIdKey > :afterKey", Map.of("afterKey", lastClientIdKey), size);
            } else {
                rows = new ArrayList<>(window(" WHERE " + path + " = :value AND c.clientIdKey > :afterKey",
                        Map.of("value", lastValue, "afterKey", lastClientIdKey), size));
                if (rows.size() < size) {
                    rows.addAll(window(" WHERE " + path + " > :value", Map.of("value", lastValue), size - rows.size()));
                }
            }
            List<String> keys = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                keys.add((String) row[1]);
            }
            if (!rows.isEmpty()) {
                Object[] last = rows.get(rows.size() - 1);
                lastValue = last[0];
                lastClientIdKey = (String) last[1];
            }
            return keys;
        }

        private List<Object[]> window(String where, Map<String, Object> values, int rows) {
            String orderBy = path.equals(CLIENT_ID) ? CLIENT_ID : path + ", " + CLIENT_ID;
            TypedQuery<Object[]> select = em.createQuery("SELECT " + path + ", c.clientIdKey FROM ClientEntity c"
                    + where + " ORDER BY " + orderBy, Object[].class);
            values.forEach(select::setParameter);
            return select.setMaxResults(rows).getResultList();
        }
    }

    private static final String CLIENT_ID = "c.clientIdKey";

    /** The sort's column, when an index orders by it and then by client ID key. */
    private static Optional<String> sortPath(SortField sort) {
        return switch (sort) {
            case CLIENT_ID -> Optional.of(CLIENT_ID);
            case NAME -> Optional.of("c.taxpayer.nameKey");
            case EMAIL -> Optional.of("c.taxpayer.emailKey");
            case OFFICE_LOCATION -> Optional.of("c.officeLocation");
            // STATUS has an index too, but JPQL compares enums for equality only
            case STATUS, TYPE, CREATED_AT, UPDATED_AT -> Optional.empty();
        };
    }
}
