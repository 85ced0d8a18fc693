package org.atrium.rest.internal;

import org.atrium.api.security.ApiToken;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An API token as the API shows it; {@code token} only in the answer that created it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenJson(String id, String username, String name, String createdAt, String expiresAt, boolean readOnly,
        String lastUsedAt, String token) {

    static TokenJson of(ApiToken token, String secret) {
        return new TokenJson(token.id(), token.username(), token.name(), text(token.createdAt()),
                text(token.expiresAt()), token.readOnly(), text(token.lastUsedAt()), secret);
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
