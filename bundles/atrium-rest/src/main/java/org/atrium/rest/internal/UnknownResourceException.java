package org.atrium.rest.internal;

import org.atrium.api.client.AtriumException;

/** The request names something that does not exist (other than a client), answered with a 404 problem. */
public class UnknownResourceException extends AtriumException {
    private static final long serialVersionUID = 1L;

    public UnknownResourceException(String detail) {
        super(detail);
    }
}
