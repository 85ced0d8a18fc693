package org.atrium.rest.internal.security;

import java.time.Instant;
import java.util.Set;

/**
 * A browser's sign-in, kept on the server: the cookie carries only its random ID. Every change made with it
 * must carry {@link #csrfToken()} in the {@code X-CSRF-Token} header.
 *
 * @param key the SHA-256 of the cookie's value (the value itself is not kept)
 */
public record StaffSession(String key, String user, Set<String> roles, String csrfToken, Instant signedInAt) {

    public StaffSession {
        roles = Set.copyOf(roles);
    }
}
