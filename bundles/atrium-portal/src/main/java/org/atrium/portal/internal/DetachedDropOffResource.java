package org.atrium.portal.internal;

import java.time.Instant;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.client.Person;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.rest.ApiRoute;
import org.atrium.api.security.Actor;
import org.atrium.rest.support.RouteContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Administrators see the drop-offs of deleted clients, kept while the configured retention lasts
 * ({@code deleted.client.retention.days}): {@code /api/v1/drop-offs/detached}. They belong to no client any
 * more, so no staff path of a client shows them. Audited.
 */
@Component(service = ApiRoute.class, property = ApiRoute.ROUTE + "=drop-offs")
@Path("drop-offs")
@Tag(name = "Client portal")
public class DetachedDropOffResource implements ApiRoute {

    /**
     * @param clientId the deleted client's ID as last known (another client may have it now)
     * @param deleteAfter when the retention ends and the file is deleted
     */
    public record DetachedDropOffJson(String id, String clientId, String fileName, String contentType, long size,
            String sha256, String receivedAt, Person uploadedBy, String clientDeletedAt, String deleteAfter) {
    }

    /** The retention in force and what it keeps. */
    public record DetachedList(int retentionDays, List<DetachedDropOffJson> dropOffs) {
    }

    private final DropOffStore dropOffs;
    private final ClientDeletions deletions;
    private final AuditTrail audit;
    private final RouteContext route;

    @Activate
    public DetachedDropOffResource(@Reference DropOffStore dropOffs, @Reference ClientDeletions deletions,
            @Reference AuditTrail audit, @Reference RouteContext route) {
        this.route = route;
        this.dropOffs = dropOffs;
        this.deletions = deletions;
        this.audit = audit;
    }

    @GET
    @Path("detached")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Drop-offs of deleted clients", description = "Kept for the retention configured in "
            + "etc/atrium.portal.cfg (none by default). System administrators only. Audited.")
    public DetachedList list(@Context SecurityContext security) {
        Actor actor = route.administrator(security, "Drop-offs of deleted clients");
        List<DropOff> found = dropOffs.listDetached();
        audit.record(actor.name(), AuditActions.DROP_OFF_READ, null, "listed " + found.size()
                + " drop-off(s) of deleted clients", List.of());
        int retention = deletions.retentionDays();
        return new DetachedList(retention, found.stream().map(d -> new DetachedDropOffJson(d.id(), d.clientId(),
                d.fileName(), d.contentType(), d.size(), d.sha256(), d.receivedAt().toString(), d.person(),
                d.detachedAt().toString(), deleteAfter(d.detachedAt(), retention))).toList());
    }

    @GET
    @Path("detached/{dropOffId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download a drop-off of a deleted client", description = "System administrators only. "
            + "Audited.")
    public Response download(@PathParam("dropOffId") String dropOffId, @Context SecurityContext security) {
        Actor actor = route.administrator(security, "Drop-offs of deleted clients");
        DropOff dropOff = dropOffs.findDetached(dropOffId).orElseThrow(() -> new UnknownItemException(
                "There is no drop-off '" + dropOffId + "' of a deleted client (its retention may have ended)."));
        audit.record(actor.name(), AuditActions.DROP_OFF_READ, null, "downloaded '" + dropOff.fileName() + "' ("
                + dropOff.id() + ") of deleted client '" + dropOff.clientId() + "'", List.of());
        return DropOffResource.fileResponse(dropOffs, dropOff);
    }

    private static String deleteAfter(Instant detachedAt, int retentionDays) {
        return detachedAt.plus(java.time.Duration.ofDays(retentionDays)).toString();
    }
}
