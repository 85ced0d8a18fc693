package org.atrium.rest.internal.security;

import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.security.Actor;
import org.atrium.api.security.ActorPrincipal;
import org.atrium.rest.support.RouteContext;
import org.osgi.service.component.annotations.Component;

/** The user {@link AuthenticationFilter} put into the request, for routes of other bundles. */
@Component(service = RouteContext.class)
public class SignedInRouteContext implements RouteContext {

    @Override
    public Actor actor(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof ActorPrincipal principal) {
            return principal.actor();
        }
        throw new AccessDeniedException("Sign in first.");
    }

    @Override
    public Actor administrator(SecurityContext security, String what) {
        Actor actor = actor(security);
        if (!actor.administrator()) {
            throw new AccessDeniedException(what + " are for system administrators only.");
        }
        return actor;
    }
}
