package org.atrium.api.client;

/** Base of the exceptions the register throws for a caller's mistake; messages never contain tax IDs. */
public abstract class AtriumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected AtriumException(String message) {
        super(message);
    }
}
