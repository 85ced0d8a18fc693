package org.atrium.rest.internal;

import javax.ws.rs.Path;
import javax.ws.rs.PathParam;

import org.atrium.api.rest.ApiRoute;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code /api/v1/{route}/...}: hands a request to the {@link ApiRoute} of another bundle. The paths of this
 * bundle's own resources are literal and win over this template.
 */
@Component(service = RoutedResource.class)
@Path("/")
@Hidden
public class RoutedResource {

    private final ApiRoutes routes;

    @Activate
    public RoutedResource(@Reference ApiRoutes routes) {
        this.routes = routes;
    }

    @Path("{route}")
    public Object route(@PathParam("route") String route) {
        return routes.route(route);
    }
}
