package org.atrium.api.security;

/** A new token and its text, which nothing shows again. */
public record CreatedToken(ApiToken token, String secret) {
}
