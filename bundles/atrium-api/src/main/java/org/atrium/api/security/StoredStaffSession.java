package org.atrium.api.security;

import java.time.Instant;
import java.util.Set;

/**
 * A browser's sign-in to the staff pages, as kept on the server: the cookie carries only a random value, of which
 * the server keeps the SHA-256 ({@code key}).
 *
 * @param key         the SHA-256 (hex) of the cookie's value
 * @param roles       the roles the user signed in with
 * @param csrfToken   what every change made with the session must carry (X-CSRF-Token)
 * @param lastSeenAt  the last request recorded (recorded at most about once a minute)
 * @param pendingStep what the user must do before the session reaches anything else, or null
 * @param browser     the browser's User-Agent at sign-in (shortened), or null
 */
public record StoredStaffSession(String key, String user, Set<String> roles, String csrfToken, Instant signedInAt,
        Instant lastSeenAt, String pendingStep, String browser) {

    /** The longest User-Agent kept. */
    public static final int MAX_BROWSER = 200;

    public StoredStaffSession {
        roles = Set.copyOf(roles);
        if (browser != null && browser.length() > MAX_BROWSER) {
            browser = browser.substring(0, MAX_BROWSER);
        }
    }
}
