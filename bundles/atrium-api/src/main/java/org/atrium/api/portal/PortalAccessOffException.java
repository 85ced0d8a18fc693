package org.atrium.api.portal;

import org.atrium.api.client.AccessDeniedException;

/** The client's portal access is off: they can neither register nor sign in. Answered with 403. */
public class PortalAccessOffException extends AccessDeniedException {
    private static final long serialVersionUID = 1L;

    public PortalAccessOffException(String message) {
        super(message);
    }
}
