package org.atrium.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.security.UserGrants;
import org.atrium.rest.internal.security.Caller;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/me}: who the signed-in user is, and what they may reach. */
@Component(service = MeResource.class)
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class MeResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserGrants grants;

    @GET
    @Operation(summary = "The signed-in user", description = "Name, Atrium roles, email and granted offices.")
    public UserJson me(@Context SecurityContext security) {
        Caller caller = Caller.of(security);
        return UserResource.json(caller.name(), caller.roles(), grants().find(caller.name()).orElse(null));
    }

    private UserGrants grants() {
        return Unavailable.unless(grants, "the users' office grants");
    }
}
