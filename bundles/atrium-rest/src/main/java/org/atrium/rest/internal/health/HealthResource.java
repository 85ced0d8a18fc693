package org.atrium.rest.internal.health;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.atrium.api.health.AtriumHealth;
import org.atrium.api.health.HealthReport;
import org.atrium.api.health.HealthStatus;
import org.atrium.rest.internal.Unavailable;
import org.atrium.rest.internal.security.Unauthenticated;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/health}, for load balancers and monitoring: no sign-in and no client data; 200 when
 * UP, 503 (with {@code Retry-After} while starting) when DOWN.
 */
@Component(service = HealthResource.class)
@Path("health")
@Tag(name = "Health")
public class HealthResource {

    private final AtriumHealth health;

    @Activate
    public HealthResource(@Reference AtriumHealth health) {
        this.health = health;
    }

    @GET
    @Unauthenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Atrium's health: UP or DOWN, whether it has started, each Atrium feature, and the "
            + "checks (database, mail, imports, exports). 503 when DOWN. No sign-in needed.")
    public Response health() {
        HealthReport report = health.report();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        Response.ResponseBuilder response = Response
                .status(report.status() == HealthStatus.UP ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .cacheControl(noStore).entity(HealthJson.of(report));
        if (!report.ready()) {
            response.header("Retry-After", Unavailable.RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
