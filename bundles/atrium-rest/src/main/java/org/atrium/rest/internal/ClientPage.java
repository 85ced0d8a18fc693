package org.atrium.rest.internal;

import java.util.List;

/** One page of the client list. {@code page} is zero-based. */
public record ClientPage(List<ClientJson> items, long total, int page, int size) {
}
