package org.atrium.rest.internal;

import java.util.List;

/**
 * One page of the client list. {@code page} is zero-based; when {@code totalExact} is false, more than
 * {@code total} clients match.
 */
public record ClientPage(List<ClientJson> items, long total, boolean totalExact, int page, int size) {
}
