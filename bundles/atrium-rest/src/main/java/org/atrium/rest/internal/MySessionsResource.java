package org.atrium.rest.internal;

import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.UnknownItemException;
import org.atrium.rest.internal.security.Caller;
import org.atrium.rest.internal.security.StaffSession;
import org.atrium.rest.internal.security.StaffSessions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/me/sessions}: where the signed-in user is signed in, and ending any of it. */
@Component(service = MySessionsResource.class)
@Path("me/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class MySessionsResource {

    /** A browser session; {@code current} is the one the request came with. */
    public record SessionInfoJson(String id, String signedInAt, String lastSeenAt, String browser, boolean current) {
    }

    private final StaffSessions sessions;

    @Activate
    public MySessionsResource(@Reference StaffSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    @Operation(summary = "Your browser sessions", description = "Live ones, the latest used first.")
    public List<SessionInfoJson> list(@Context SecurityContext security) {
        Caller caller = Caller.of(security);
        StaffSession current = caller.session();
        return sessions.of(caller.name()).stream().map(s -> new SessionInfoJson(s.id(), s.signedInAt().toString(),
                s.lastSeenAt().toString(), s.browser(), current != null && current.key().equals(s.id()))).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "End one of your browser sessions", description = "Its cookie stops working at once.")
    public Response end(@PathParam("id") String id, @Context SecurityContext security) {
        if (!sessions.close(Caller.of(security).name(), id)) {
            throw new UnknownItemException("You have no live session with ID '" + id + "'.");
        }
        return Response.noContent().build();
    }
}
