package org.atrium.registry.internal.clients;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A condition as plain SQL on the CLIENT table, with its values for the {@code ?} in it, in order: a search's
 * conditions as {@link RowCheck} sends them with an index hint, the ranges {@link SortKeys} reads.
 */
record SqlCondition(String text, List<Object> values) {

    SqlCondition {
        values = List.copyOf(values);
    }

    static SqlCondition of(String text, Object... values) {
        return new SqlCondition(text, List.of(values));
    }

    /** Every one of {@code conditions} (none: an empty text, which holds always), their values in order. */
    static SqlCondition all(List<SqlCondition> conditions) {
        List<String> texts = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (SqlCondition condition : conditions) {
            texts.add(condition.text());
            values.addAll(condition.values());
        }
        return new SqlCondition(String.join(" AND ", texts), values);
    }

    /** {@code " WHERE "} and the text, or nothing if the text is empty. */
    String where() {
        return text.isEmpty() ? "" : " WHERE " + text;
    }

    /** {@code column IN (?, ?, ...)}, one parameter a value; never empty. */
    static SqlCondition in(String column, List<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list of nothing is no SQL");
        }
        return new SqlCondition(column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")",
                List.copyOf(values));
    }
}
