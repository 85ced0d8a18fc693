package org.atrium.api.security;

import java.time.Instant;

/** A token as it is listed: never the token itself. */
public record ApiToken(String id, String username, String name, Instant createdAt, Instant expiresAt,
        boolean readOnly, Instant lastUsedAt) {
}
