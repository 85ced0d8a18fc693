package org.atrium.api.client;

import java.util.List;

/**
 * One page of results.
 *
 * @param total how many items match in all pages
 * @param page zero-based page number
 */
public record Page<T>(List<T> items, long total, int page, int size) {

    public Page {
        items = List.copyOf(items);
    }
}
