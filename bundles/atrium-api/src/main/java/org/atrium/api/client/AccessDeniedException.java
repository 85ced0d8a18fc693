package org.atrium.api.client;

/**
 * The actor may not do this: a setting that only administrators change, or a client placed in an office
 * location the actor does not hold. (A client the actor may not see is reported as not found instead.)
 */
public class AccessDeniedException extends AtriumException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String detail) {
        super(detail);
    }
}
