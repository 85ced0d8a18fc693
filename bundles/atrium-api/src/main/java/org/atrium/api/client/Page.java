package org.atrium.api.client;

import java.util.List;

/**
 * One page of results.
 *
 * @param total how many items match in all pages; when {@code totalExact} is false, more than that many (a
 *     search with very many matches stops counting some pages past the one asked, so that it answers as fast
 *     as a narrow one; {@link ClientRegister#count} gives the exact number)
 * @param page zero-based page number
 * @param totalExact whether {@code total} is the exact number of matches
 * @since 2.2
 */
public record Page<T>(List<T> items, long total, int page, int size, boolean totalExact) {

    public Page {
        items = List.copyOf(items);
    }

    /** A page whose total is exact. */
    public Page(List<T> items, long total, int page, int size) {
        this(items, total, page, size, true);
    }
}
