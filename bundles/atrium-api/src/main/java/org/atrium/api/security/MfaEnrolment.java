package org.atrium.api.security;

/**
 * A new authenticator to set up: the secret in base32 (to type in) and the {@code otpauth://} URI (for a QR
 * code). Not yet in force: it must be confirmed with a code.
 */
public record MfaEnrolment(String secret, String otpauthUri) {
}
