package org.atrium.portal.internal;

import java.time.Instant;

import org.atrium.api.client.Client;

/**
 * The rule that joins a row written by a version before client references to its client: the row belongs to
 * the client that now has its client ID (or email) only if that client existed when the row was written. A row
 * older than the client belonged to a deleted client that had the same ID or address.
 */
final class EarlierRows {

    private EarlierRows() {
    }

    static boolean writtenFor(Client client, Instant written) {
        return !client.createdAt().isAfter(written);
    }
}
