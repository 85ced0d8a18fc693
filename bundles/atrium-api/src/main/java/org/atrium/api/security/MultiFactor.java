package org.atrium.api.security;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The second factor of staff sign-in: a time-based one-time password (TOTP, RFC 6238) from an authenticator
 * app, or one of ten single-use recovery codes. Secrets are kept encrypted and never given out again after
 * the enrolment; recovery codes are kept as keyed hashes.
 */
@ProviderType
public interface MultiFactor {

    /** How many recovery codes an enrolment gives. */
    int RECOVERY_CODES = 10;

    /** Whether the user has a confirmed authenticator. */
    boolean enrolled(String username);

    /**
     * Starts (or starts again) an enrolment with a new secret; the user's confirmed authenticator, if any,
     * keeps working until a new one is confirmed.
     *
     * @param issuer the name the authenticator app shows for the account, e.g. the firm's
     */
    MfaEnrolment startEnrolment(String username, String issuer);

    /**
     * Confirms the enrolment begun last with a code from the new authenticator, and makes it the user's.
     *
     * @return the recovery codes, shown this once (a new set replaces any earlier one)
     * @throws org.atrium.api.client.ClientValidationException if no enrolment was begun or the code is wrong
     */
    List<String> confirmEnrolment(String username, String code);

    /**
     * Checks a code: a TOTP code of the current time step or the one before or after, each accepted once, or
     * an unused recovery code, which is used up.
     *
     * @return the factor the code was, or empty if it is wrong, used already, or the user is not enrolled
     */
    Optional<MfaFactor> verify(String username, String code);

    /**
     * Forgets the user's authenticator and recovery codes (audited), so that they enrol again.
     *
     * @param by an administrator
     * @throws org.atrium.api.client.AccessDeniedException if {@code by} is not an administrator
     */
    void reset(String username, Actor by);
}
