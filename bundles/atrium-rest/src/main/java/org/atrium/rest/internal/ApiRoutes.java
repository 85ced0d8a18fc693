package org.atrium.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.atrium.api.rest.ApiRoute;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ApiRoute}s other bundles registered, by route; they come and go with their bundles. */
@Component(service = ApiRoutes.class)
public class ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private final Map<String, ApiRoute> routes = new ConcurrentHashMap<>();
    private final Map<String, ApiRoute> clientRoutes = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRoute(ApiRoute route, Map<String, Object> properties) {
        boolean known = false;
        if (properties.get(ApiRoute.ROUTE) instanceof String name) {
            routes.put(name, route);
            known = true;
        }
        if (properties.get(ApiRoute.CLIENT_ROUTE) instanceof String name) {
            clientRoutes.put(name, route);
            known = true;
        }
        if (!known) {
            LOG.warn("Ignoring an API route without {} or {}: {}", ApiRoute.ROUTE, ApiRoute.CLIENT_ROUTE,
                    route.getClass().getName());
        }
    }

    void removeRoute(ApiRoute route, Map<String, Object> properties) {
        if (properties.get(ApiRoute.ROUTE) instanceof String name) {
            routes.remove(name, route);
        }
        if (properties.get(ApiRoute.CLIENT_ROUTE) instanceof String name) {
            clientRoutes.remove(name, route);
        }
    }

    Optional<ApiRoute> route(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    Optional<ApiRoute> clientRoute(String name) {
        return Optional.ofNullable(clientRoutes.get(name));
    }

    /** Every route object, for the OpenAPI document. */
    List<ApiRoute> all() {
        List<ApiRoute> all = new ArrayList<>(routes.values());
        all.addAll(clientRoutes.values());
        return all;
    }
}
