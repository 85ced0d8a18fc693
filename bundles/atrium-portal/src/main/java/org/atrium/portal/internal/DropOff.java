package org.atrium.portal.internal;

import java.time.Instant;

import org.atrium.api.client.Person;

/** A received drop-off upload, as staff see it. */
public record DropOff(String id, String clientId, Person person, String fileName, String contentType, long size,
        String sha256, Instant receivedAt) {
}
