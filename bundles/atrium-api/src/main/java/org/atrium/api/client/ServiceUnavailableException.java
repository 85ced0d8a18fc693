package org.atrium.api.client;

/**
 * A capability the request needs is not installed or not running right now (e.g. the mailer feature was
 * removed): answered with 503, nothing is changed, and the request can be repeated once it is back.
 */
public class ServiceUnavailableException extends AtriumException {
    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String detail) {
        super(detail);
    }
}
