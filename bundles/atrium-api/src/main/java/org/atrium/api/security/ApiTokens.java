package org.atrium.api.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Personal API tokens: what a script holds instead of a password. A token acts with its user's roles and
 * offices (or only reads, if it is read-only), expires within a year, and can be revoked. Only a keyed hash of
 * it is kept; the token itself is shown once, when it is created.
 */
@ProviderType
public interface ApiTokens {

    /** The longest a token may live. */
    int MAX_DAYS = 366;

    /**
     * @param expiresAt at most {@link #MAX_DAYS} days ahead
     * @throws org.atrium.api.client.ClientValidationException for a blank or too long name, or an expiry in the
     *         past or too far ahead
     */
    CreatedToken create(String username, String name, Instant expiresAt, boolean readOnly);

    /** The live token for this text (not expired, not revoked); a use is recorded. */
    Optional<ApiToken> authenticate(String token);

    /** A user's tokens, or everyone's for {@code null}, newest first; revoked ones are left out. */
    List<ApiToken> list(String username);

    /**
     * Revokes a token at once (audited).
     *
     * @param by its owner or an administrator
     * @throws org.atrium.api.client.UnknownItemException if there is no such live token that {@code by} may see
     */
    void revoke(String id, Actor by);
}
