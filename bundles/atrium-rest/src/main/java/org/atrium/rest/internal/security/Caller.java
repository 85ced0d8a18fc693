package org.atrium.rest.internal.security;

import java.util.Set;

import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.security.Actor;
import org.atrium.api.security.ActorPrincipal;

/**
 * The signed-in user of a request, as {@link AuthenticationFilter} put it into the security context:
 * name, Atrium roles, and the {@link Actor} with their office locations.
 *
 * @param session the browser session the request came with, or null (HTTP Basic)
 */
public record Caller(String name, Set<String> roles, Actor actor, StaffSession session) implements ActorPrincipal {

    public Caller {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean administrator() {
        return roles.contains(AtriumRoles.ADMIN);
    }

    /** The caller of a request that passed the sign-in filter. */
    public static Caller of(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        // the filter runs before every resource of the application; reaching here is a wiring fault
        throw new IllegalStateException("request without a signed-in Atrium user");
    }

    public static Actor actor(SecurityContext security) {
        return of(security).actor();
    }

    /** Settings are for system administrators only. */
    public static Caller requireAdministrator(SecurityContext security, String what) {
        Caller caller = of(security);
        if (!caller.administrator()) {
            throw new AccessDeniedException(what + " is for system administrators only (role " + AtriumRoles.ADMIN
                    + ").");
        }
        return caller;
    }
}
