package org.atrium.rest.support;

import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.security.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Who is asking, for an {@link org.atrium.api.rest.ApiRoute}: a service of the staff API, so that a route
 * never needs to know how sign-in put the user into the request. Take the request's {@code SecurityContext}
 * with {@code @Context} and ask this service.
 */
@ProviderType
public interface RouteContext {

    /**
     * The signed-in user as the register sees them: name, administrator or not, office locations.
     *
     * @throws AccessDeniedException if the request was not signed in (a route is only reached after sign-in)
     */
    Actor actor(SecurityContext security);

    /**
     * The signed-in user, who must be a system administrator.
     *
     * @param what what is for administrators only, as the refusal says it: e.g. "Drop-offs of deleted clients"
     * @throws AccessDeniedException (403) naming {@code what} if the user is not an administrator
     */
    Actor administrator(SecurityContext security, String what);
}
