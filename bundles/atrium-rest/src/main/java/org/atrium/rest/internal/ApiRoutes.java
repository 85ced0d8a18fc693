package org.atrium.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.ws.rs.NotFoundException;

import org.atrium.api.rest.ApiRoute;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ApiRoute}s other bundles registered, by route; they come and go with their bundles. A route
 * whose bundle is away but still installed (being updated or restarted) answers 503 with
 * {@code Retry-After}; a route nobody installed answers 404.
 */
@Component(service = ApiRoutes.class)
public class ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private final Routes routes = new Routes("/api/v1/");
    private final Routes clientRoutes = new Routes("/api/v1/clients/{clientId}/");

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRoute(ApiRoute route, ServiceReference<ApiRoute> reference) {
        boolean known = routes.add(reference.getProperty(ApiRoute.ROUTE), route);
        known |= clientRoutes.add(reference.getProperty(ApiRoute.CLIENT_ROUTE), route);
        if (!known) {
            LOG.warn("Ignoring an API route without {} or {}: {}", ApiRoute.ROUTE, ApiRoute.CLIENT_ROUTE,
                    route.getClass().getName());
        }
    }

    void removeRoute(ApiRoute route, ServiceReference<ApiRoute> reference) {
        routes.remove(reference.getProperty(ApiRoute.ROUTE), route, reference.getBundle());
        clientRoutes.remove(reference.getProperty(ApiRoute.CLIENT_ROUTE), route, reference.getBundle());
    }

    /** The route's resource; 404 or 503 (problem+json) when there is none now. */
    Object route(String name) {
        return routes.get(name);
    }

    /** The client route's resource; 404 or 503 (problem+json) when there is none now. */
    Object clientRoute(String name) {
        return clientRoutes.get(name);
    }

    /** Every route object, for the OpenAPI document. */
    List<ApiRoute> all() {
        List<ApiRoute> all = new ArrayList<>(routes.present.values());
        all.addAll(clientRoutes.present.values());
        return all;
    }

    /** One kind of route: those present, and the bundles of those that went away. */
    private static final class Routes {

        private final String prefix;
        private final Map<String, ApiRoute> present = new ConcurrentHashMap<>();
        private final Map<String, Bundle> departed = new ConcurrentHashMap<>();

        Routes(String prefix) {
            this.prefix = prefix;
        }

        boolean add(Object name, ApiRoute route) {
            if (!(name instanceof String key)) {
                return false;
            }
            present.put(key, route);
            departed.remove(key);
            return true;
        }

        void remove(Object name, ApiRoute route, Bundle bundle) {
            if (name instanceof String key && present.remove(key, route) && bundle != null) {
                departed.put(key, bundle);
            }
        }

        Object get(String name) {
            ApiRoute route = present.get(name);
            if (route != null) {
                return route;
            }
            Bundle bundle = departed.get(name);
            if (bundle != null && bundle.getState() != Bundle.UNINSTALLED) {
                throw Unavailable.retryLater(
                        "Updating or restarting " + prefix + name + " (" + bundle.getSymbolicName() + ")");
            }
            throw new NotFoundException();
        }
    }
}
