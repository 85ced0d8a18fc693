package org.atrium.api.security;

/** What a second factor was. */
public enum MfaFactor {
    /** A code from the authenticator app. */
    TOTP,
    /** One of the single-use recovery codes. */
    RECOVERY_CODE
}
