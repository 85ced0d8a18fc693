package org.atrium.api.portal;

import org.atrium.api.client.AtriumException;

/**
 * A registration link that cannot register anyone: unknown (mistyped or forged), used already, replaced by a
 * newer onboarding email, or expired. The message says which, as far as the person may know. Nothing is
 * changed.
 */
public class RegistrationRejectedException extends AtriumException {
    private static final long serialVersionUID = 1L;

    public RegistrationRejectedException(String message) {
        super(message);
    }
}
