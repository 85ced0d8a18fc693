package org.atrium.mailer.internal;

import org.atrium.api.client.AtriumException;

/** A malformed query parameter; the API answers it with a 400 problem naming it. */
class InvalidQueryException extends AtriumException {
    private static final long serialVersionUID = 1L;

    InvalidQueryException(String detail) {
        super(detail);
    }
}
