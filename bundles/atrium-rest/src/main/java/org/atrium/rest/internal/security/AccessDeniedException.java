package org.atrium.rest.internal.security;

import org.atrium.api.client.AtriumException;

/** The signed-in user may not do this (403). */
public class AccessDeniedException extends AtriumException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String detail) {
        super(detail);
    }

    /** Settings are for system administrators only. */
    public static void requireAdministrator(javax.ws.rs.core.SecurityContext security, String what) {
        if (security == null || !security.isUserInRole(AtriumRoles.ADMIN)) {
            throw new AccessDeniedException(what + " is for system administrators only (role " + AtriumRoles.ADMIN + ").");
        }
    }
}
