package org.atrium.rest.internal;

import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.security.ApiTokens;
import org.atrium.rest.internal.security.Caller;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/tokens}: every user's API tokens, for administrators. */
@Component(service = TokenResource.class)
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class TokenResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApiTokens tokens;

    @GET
    @Operation(summary = "Every live API token", description = "Administrators only; ?user= for one user's.")
    public List<TokenJson> list(@QueryParam("user") String user, @Context SecurityContext security) {
        Caller.requireAdministrator(security, "Listing everyone's API tokens");
        return tokens().list(user == null || user.isBlank() ? null : user.strip()).stream()
                .map(t -> TokenJson.of(t, null)).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API token", description = "Its owner or an administrator; audited.")
    public Response revoke(@PathParam("id") String id, @Context SecurityContext security) {
        tokens().revoke(id, Caller.actor(security));
        return Response.noContent().build();
    }

    private ApiTokens tokens() {
        return Unavailable.unless(tokens, "API tokens (the register)");
    }
}
