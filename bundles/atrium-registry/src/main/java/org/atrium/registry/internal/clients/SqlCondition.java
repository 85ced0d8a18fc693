package org.atrium.registry.internal.clients;

import java.util.Collections;
import java.util.List;

/**
 * A condition of a search as plain SQL on the CLIENT table, with its values for the {@code ?} in it, in order:
 * the form of a JPQL condition that {@link RowCheck} sends with an index hint.
 */
record SqlCondition(String text, List<Object> values) {

    SqlCondition {
        values = List.copyOf(values);
    }

    static SqlCondition of(String text, Object... values) {
        return new SqlCondition(text, List.of(values));
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
