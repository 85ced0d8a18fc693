package org.atrium.registry.internal.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.Query;

import org.atrium.api.client.SortField;
import org.atrium.registry.internal.clients.RowCheck.Reading;

/**
 * Reads of a sort index in its ascending order, from the index alone: the index's columns are the sort column
 * and the client ID key (the client ID's own index for a sort by client ID). Every read is one or a few index
 * ranges that start at both columns: a condition with an OR ("after this name, or this name and a later client
 * ID") would start the range at the value and read every row with it again, all of them for an office.
 * <p>
 * Derby SQL, read without waiting for keys being written ({@code WITH UR}): the keys are only the order to walk,
 * each client's row is checked on its own (see {@link SortIndexWalk}).
 */
final class SortKeys {

    private static final String CLIENT_ID = ClientSearch.sortColumn(SortField.CLIENT_ID);

    /** A position in the order: the sort column's value and the client ID key. */
    record Key(Object value, String clientIdKey) {
    }

    private final EntityManager em;
    /** The sort column. */
    private final String column;

    private SortKeys(EntityManager em, String column) {
        this.em = em;
        this.column = column;
    }

    /** The reads of {@code sort}'s index, if it has one that ends in the client ID key. */
    static Optional<SortKeys> of(EntityManager em, SortField sort) {
        return column(sort).map(column -> new SortKeys(em, column));
    }

    /** Whether {@code sort} has such an index. */
    static boolean indexed(SortField sort) {
        return column(sort).isPresent();
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
        String fromKey = CLIENT_ID + (fromIncluded ? " >= ?" : " > ?");
        String toKey = CLIENT_ID + " < ?";
        String sameValue = column + " = ?";
        if (column.equals(CLIENT_ID)) {
            List<SqlCondition> range = new ArrayList<>();
            if (from != null) {
                range.add(SqlCondition.of(fromKey, from.clientIdKey()));
            }
            if (to != null) {
                range.add(SqlCondition.of(toKey, to.clientIdKey()));
            }
            return keys(range, limit);
        }
        if (from != null && to != null && from.value().equals(to.value())) {
            return keys(List.of(SqlCondition.of(sameValue, from.value()), SqlCondition.of(fromKey, from.clientIdKey()),
                    SqlCondition.of(toKey, to.clientIdKey())), limit);
        }
        // the rest of from's value, the values between, the start of to's value
        List<Key> keys = new ArrayList<>();
        List<SqlCondition> between = new ArrayList<>();
        if (from != null) {
            keys.addAll(keys(List.of(SqlCondition.of(sameValue, from.value()),
                    SqlCondition.of(fromKey, from.clientIdKey())), limit));
            between.add(SqlCondition.of(column + " > ?", from.value()));
        }
        if (to != null) {
            between.add(SqlCondition.of(column + " < ?", to.value()));
        }
        if (keys.size() < limit) {
            keys.addAll(keys(between, limit - keys.size()));
        }
        if (to != null && keys.size() < limit) {
            keys.addAll(keys(List.of(SqlCondition.of(sameValue, to.value()), SqlCondition.of(toKey, to.clientIdKey())),
                    limit - keys.size()));
        }
        return keys;
    }

    /** The first {@code limit} keys, in the order, that meet every condition. */
    @SuppressWarnings("unchecked")
    private List<Key> keys(List<SqlCondition> conditions, int limit) {
        SqlCondition where = SqlCondition.all(conditions);
        String orderBy = column.equals(CLIENT_ID) ? CLIENT_ID : column + ", " + CLIENT_ID;
        Query select = em.createNativeQuery("SELECT " + column + ", " + CLIENT_ID + " FROM CLIENT" + where.where()
                + " ORDER BY " + orderBy + " FETCH FIRST ? ROWS ONLY" + Reading.AS_WRITTEN.clause());
        List<Object> values = new ArrayList<>(where.values());
        values.add(limit);
        for (int i = 0; i < values.size(); i++) {
            select.setParameter(i + 1, values.get(i));
        }
        return ((List<Object[]>) select.getResultList()).stream().map(row -> new Key(row[0], (String) row[1]))
                .toList();
    }

    /** The sort's column, when an index orders by it and then by client ID key. */
    private static Optional<String> column(SortField sort) {
        return switch (sort) {
            case CLIENT_ID, NAME, EMAIL, OFFICE_LOCATION -> Optional.of(ClientSearch.sortColumn(sort));
            // STATUS has an index too, not walked yet
            case STATUS, TYPE, CREATED_AT, UPDATED_AT -> Optional.empty();
        };
    }

    /** The sort column, which names the index the keys come from. */
    String column() {
        return column;
    }
}
