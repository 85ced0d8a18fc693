package org.atrium.registry.internal.clients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.atrium.api.client.SortField;

/**
 * Reads of a sort index in its ascending order, from the index alone: the index's columns are the sort column
 * and the client ID key (the client ID's own index for a sort by client ID). Every read is one or a few index
 * ranges that start at both columns: a condition with an OR ("after this name, or this name and a later client
 * ID") would start the range at the value and read every row with it again, all of them for an office.
 */
final class SortKeys {

    private static final String CLIENT_ID = ClientSearch.sortPath(SortField.CLIENT_ID);

    /** A position in the order: the sort column's value and the client ID key. */
    record Key(Object value, String clientIdKey) {
    }

    private final EntityManager em;
    private final String path;

    private SortKeys(EntityManager em, String path) {
        this.em = em;
        this.path = path;
    }

    /** The reads of {@code sort}'s index, if it has one that ends in the client ID key. */
    static Optional<SortKeys> of(EntityManager em, SortField sort) {
        return path(sort).map(path -> new SortKeys(em, path));
    }

    /** Whether {@code sort} has such an index. */
    static boolean indexed(SortField sort) {
        return path(sort).isPresent();
    }

    /** The first {@code limit} keys of the order. */
    List<Key> first(int limit) {
        return range(null, true, null, limit);
    }

    /** The first {@code limit} keys after {@code last} and before {@code to} (exclusive; null: the end). */
    List<Key> after(Key last, Key to, int limit) {
        return range(last, false, to, limit);
    }

    /**
     * The first {@code limit} keys from {@code from} (inclusive; null: the start) to {@code to} (exclusive;
     * null: the end).
     */
    List<Key> between(Key from, Key to, int limit) {
        return range(from, true, to, limit);
    }

    private List<Key> range(Key from, boolean fromIncluded, Key to, int limit) {
        String fromKey = "c.clientIdKey " + (fromIncluded ? ">=" : ">") + " :fromKey";
        if (path.equals(CLIENT_ID)) {
            Conditions range = new Conditions();
            if (from != null) {
                range.and(fromKey, "fromKey", from.clientIdKey());
            }
            if (to != null) {
                range.and("c.clientIdKey < :toKey", "toKey", to.clientIdKey());
            }
            return keys(range, limit);
        }
        if (from != null && to != null && from.value().equals(to.value())) {
            return keys(new Conditions().and(path + " = :value", "value", from.value())
                    .and(fromKey, "fromKey", from.clientIdKey())
                    .and("c.clientIdKey < :toKey", "toKey", to.clientIdKey()), limit);
        }
        // the rest of from's value, the values between, the start of to's value
        List<Key> keys = new ArrayList<>();
        Conditions between = new Conditions();
        if (from != null) {
            keys.addAll(keys(new Conditions().and(path + " = :value", "value", from.value())
                    .and(fromKey, "fromKey", from.clientIdKey()), limit));
            between.and(path + " > :fromValue", "fromValue", from.value());
        }
        if (to != null) {
            between.and(path + " < :toValue", "toValue", to.value());
        }
        if (keys.size() < limit) {
            keys.addAll(keys(between, limit - keys.size()));
        }
        if (to != null && keys.size() < limit) {
            keys.addAll(keys(new Conditions().and(path + " = :value", "value", to.value())
                    .and("c.clientIdKey < :toKey", "toKey", to.clientIdKey()), limit - keys.size()));
        }
        return keys;
    }

    private List<Key> keys(Conditions conditions, int limit) {
        String orderBy = path.equals(CLIENT_ID) ? CLIENT_ID : path + ", " + CLIENT_ID;
        TypedQuery<Object[]> select = em.createQuery("SELECT " + path + ", c.clientIdKey FROM ClientEntity c"
                + conditions.where() + " ORDER BY " + orderBy, Object[].class);
        conditions.values.forEach(select::setParameter);
        select.setMaxResults(limit);
        return select.getResultList().stream().map(row -> new Key(row[0], (String) row[1])).toList();
    }

    /** JPQL conditions over {@code c}, all to hold, with their parameters' values. */
    private static final class Conditions {

        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> values = new HashMap<>();

        Conditions and(String condition, String parameter, Object value) {
            conditions.add(condition);
            values.put(parameter, value);
            return this;
        }

        String where() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }

    /** The sort's column, when an index orders by it and then by client ID key. */
    private static Optional<String> path(SortField sort) {
        return switch (sort) {
            case CLIENT_ID, NAME, EMAIL, OFFICE_LOCATION -> Optional.of(ClientSearch.sortPath(sort));
            // STATUS has an index too, but JPQL compares enums for equality only
            case STATUS, TYPE, CREATED_AT, UPDATED_AT -> Optional.empty();
        };
    }

    /** The sort column's JPQL path, which names the index the keys come from. */
    String path() {
        return path;
    }
}
