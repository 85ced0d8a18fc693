package org.atrium.rest.internal.security;

import java.time.Instant;
import java.util.Set;

/**
 * A browser's sign-in, kept on the server: the cookie carries only its random ID. Every change made with it
 * must carry {@link #csrfToken()} in the {@code X-CSRF-Token} header.
 *
 * @param key the SHA-256 of the cookie's value (the value itself is not kept)
 * @param pendingStep what the user must still do before the session reaches anything but that step
 *        ({@link #CHANGE_PASSWORD}, {@link #SET_UP_MFA}), or null
 * @param browser the browser's User-Agent at sign-in (shortened), so the user can tell their sessions apart
 */
public record StaffSession(String key, String user, Set<String> roles, String csrfToken, Instant signedInAt,
        String pendingStep, String browser) {

    /** The password signed in with breaks the password rules (the shipped admin/admin, say). */
    public static final String CHANGE_PASSWORD = "CHANGE_PASSWORD";
    /** Two-factor sign-in is required and the user has no authenticator yet. */
    public static final String SET_UP_MFA = "SET_UP_MFA";

    public StaffSession {
        roles = Set.copyOf(roles);
    }
}
