package org.atrium.portal.internal;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
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

/** Staff read what clients dropped off: {@code /api/v1/clients/{clientId}/drop-offs}. Office-scoped, audited. */
@Component(service = ApiRoute.class, property = ApiRoute.CLIENT_ROUTE + "=drop-offs")
@Path("clients/{clientId}/drop-offs")
@Tag(name = "Client portal")
public class DropOffResource implements ApiRoute {

    public record DropOffJson(String id, String fileName, String contentType, long size, String sha256,
            String receivedAt, Person uploadedBy) {
    }

    private final DropOffStore dropOffs;
    private final ClientRegister register;
    private final AuditTrail audit;
    private final RouteContext route;

    @Activate
    public DropOffResource(@Reference DropOffStore dropOffs, @Reference ClientRegister register,
            @Reference AuditTrail audit, @Reference RouteContext route) {
        this.route = route;
        this.dropOffs = dropOffs;
        this.register = register;
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The client's drop-off uploads", description = "Newest first. Audited.")
    public List<DropOffJson> list(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        Actor actor = route.actor(security);
        Client client = register.as(actor).get(clientId);
        List<DropOff> found = dropOffs.list(client);
        audit.record(actor.name(), AuditActions.DROP_OFF_READ, client.clientId(), "listed " + found.size()
                + " drop-off(s)", List.of());
        return found.stream().map(d -> new DropOffJson(d.id(), d.fileName(), d.contentType(), d.size(), d.sha256(),
                d.receivedAt().toString(), d.person())).toList();
    }

    @GET
    @Path("{dropOffId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download one drop-off", description = "As an attachment, with the type the file was "
            + "checked to be. Audited.")
    public Response download(@PathParam("clientId") String clientId, @PathParam("dropOffId") String dropOffId,
            @Context SecurityContext security) {
        Actor actor = route.actor(security);
        Client client = register.as(actor).get(clientId);
        DropOff dropOff = dropOffs.find(client, dropOffId).orElseThrow(() -> new UnknownItemException(
                "Client '" + client.clientId() + "' has no drop-off '" + dropOffId + "'."));
        audit.record(actor.name(), AuditActions.DROP_OFF_READ, client.clientId(), "downloaded '" + dropOff.fileName()
                + "' (" + dropOff.id() + ")", List.of());
        return fileResponse(dropOffs, dropOff);
    }

    /** The file as an attachment, with the type it was checked to be; never cached, never sniffed. */
    static Response fileResponse(DropOffStore dropOffs, DropOff dropOff) {
        StreamingOutput body = out -> {
            try (InputStream in = dropOffs.open(dropOff)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, dropOff.contentType()).header(HttpHeaders.CONTENT_LENGTH, dropOff.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(dropOff.fileName()))
                .header("X-Content-Type-Options", "nosniff").cacheControl(CacheControl.valueOf("no-store")).build();
    }

    /** ASCII fallback and the exact name (RFC 6266 / 5987). */
    static String attachment(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

}
