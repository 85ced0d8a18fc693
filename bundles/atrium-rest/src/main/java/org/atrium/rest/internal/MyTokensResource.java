package org.atrium.rest.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.audit.AuditQuery;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.security.ApiTokens;
import org.atrium.api.security.CreatedToken;
import org.atrium.rest.internal.security.Caller;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/me/tokens}: the signed-in user's personal API tokens, for scripts. */
@Component(service = MyTokensResource.class)
@Path("me/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class MyTokensResource {

    /** The body of {@code POST /me/tokens}: {@code expiresAt} an ISO instant or a date (its end, UTC). */
    public record TokenInput(String name, String expiresAt, Boolean readOnly) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApiTokens tokens;

    @GET
    @Operation(summary = "Your API tokens", description = "Live ones, newest first, with their last use; never the "
            + "tokens themselves.")
    public List<TokenJson> list(@Context SecurityContext security) {
        return tokens().list(Caller.of(security).name()).stream().map(t -> TokenJson.of(t, null)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API token", description = "{\"name\", \"expiresAt\" (at most a year ahead), "
            + "\"readOnly\"}. The answer's token is shown this once: send it as Authorization: Bearer <token>.")
    public Response create(TokenInput input, @Context SecurityContext security) {
        if (input == null) {
            throw new ClientValidationException(List.of(new FieldError("name", "Send {\"name\", \"expiresAt\", "
                    + "\"readOnly\"}.")));
        }
        CreatedToken created = tokens().create(Caller.of(security).name(), input.name(), expiry(input.expiresAt()),
                Boolean.TRUE.equals(input.readOnly()));
        return Response.created(URI.create("me/tokens/" + created.token().id()))
                .entity(TokenJson.of(created.token(), created.secret())).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke one of your API tokens", description = "It stops working at once.")
    public Response revoke(@PathParam("id") String id, @Context SecurityContext security) {
        tokens().revoke(id, Caller.actor(security));
        return Response.noContent().build();
    }

    /** A date means the end of that day (UTC), as the audit search reads an upper bound. */
    static Instant expiry(String text) {
        try {
            return AuditQuery.bound(text, true);
        } catch (IllegalArgumentException e) {
            throw new ClientValidationException(List.of(new FieldError("expiresAt", "expiresAt is a date (2027-06-30) "
                    + "or an instant (2027-06-30T12:00:00Z), not '" + text + "'.")));
        }
    }

    private ApiTokens tokens() {
        return Unavailable.unless(tokens, "API tokens (the register)");
    }
}
