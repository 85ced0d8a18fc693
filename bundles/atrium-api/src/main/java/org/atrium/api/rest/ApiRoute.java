package org.atrium.api.rest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of the REST API under {@code /api/v1} contributed by a bundle: register a JAX-RS-annotated object as
 * a service of this type with one of the two properties below, and it answers while the service is there.
 * Requests reach it through a sub-resource locator of the Atrium application, so its coming and going never
 * rebuilds the application (a whiteboard resource would: the Aries whiteboard re-creates the whole
 * application for each resource added or removed, and every endpoint answers 404 meanwhile). It gets the
 * application's sign-in, JSON and problem+json errors.
 * <p>
 * The object's method {@code @Path}s are relative to its route. Give the class a {@code @Path} with the full
 * path as well: JAX-RS ignores it here, the OpenAPI document uses it.
 */
@ConsumerType
public interface ApiRoute {

    /** Service property: the first path segment below {@code /api/v1} it answers, e.g. {@code mail}. */
    String ROUTE = "atrium.rest.route";

    /**
     * Service property: the segment below {@code /api/v1/clients/{clientId}/} it answers, e.g.
     * {@code onboarding-email}; the methods read the client ID with {@code @PathParam("clientId")}.
     */
    String CLIENT_ROUTE = "atrium.rest.client.route";
}
