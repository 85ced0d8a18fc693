package org.atrium.rest.internal.health;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.atrium.api.health.AtriumHealth;
import org.atrium.rest.internal.Unavailable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Until Atrium has finished starting, every request but the health check answers 503 with
 * {@code Retry-After}: the API opens as a whole, never with some of its paths still missing.
 */
@Component(service = ReadinessFilter.class)
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class ReadinessFilter implements ContainerRequestFilter {

    private final AtriumHealth health;

    @Activate
    public ReadinessFilter(@Reference AtriumHealth health) {
        this.health = health;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (health.ready() || "health".equals(request.getUriInfo().getPath().replace("/", ""))) {
            return;
        }
        request.abortWith(Unavailable.retryLater("Atrium is starting (GET /api/v1/health tells what it waits for)")
                .getResponse());
    }
}
