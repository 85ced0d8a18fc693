package org.atrium.portal.internal;

import java.time.Instant;

import org.atrium.api.client.Person;

/**
 * A received drop-off upload, as staff see it.
 *
 * @param clientId the client's ID when last known (it follows renames)
 * @param detachedAt when its client was found deleted; null while the client exists
 */
public record DropOff(String id, String clientReference, String clientId, Person person, String fileName,
        String contentType, long size, String sha256, Instant receivedAt, Instant detachedAt) {
}
