package org.atrium.api.client;

/** The request names something that does not exist, other than a client (a template, a user...): 404. */
public class UnknownItemException extends AtriumException {
    private static final long serialVersionUID = 1L;

    public UnknownItemException(String detail) {
        super(detail);
    }
}
