package org.atrium.portal.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.Person;
import org.atrium.api.rest.ApiRoute;
import org.atrium.api.security.Actor;
import org.atrium.rest.support.RouteContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Staff help with sign-in: {@code /api/v1/clients/{clientId}/access-code}. Office-scoped, audited. */
@Component(service = ApiRoute.class, property = ApiRoute.CLIENT_ROUTE + "=access-code")
@Path("clients/{clientId}/access-code")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Client portal")
public class AccessCodeResource implements ApiRoute {

    public record StaffCodeJson(String clientId, Person person, String code, String expiresAt) {
    }

    public record SignInStateJson(Person person, boolean registered, boolean locked, String lockedUntil,
            boolean codeOpen, String lastSignInAt) {
    }

    public record UnlockedJson(String clientId, List<Person> unlocked) {
    }

    private final PortalSignIn signIn;
    private final ClientRegister register;
    private final RouteContext route;

    @Activate
    public AccessCodeResource(@Reference PortalSignIn signIn, @Reference ClientRegister register,
            @Reference RouteContext route) {
        this.route = route;
        this.signIn = signIn;
        this.register = register;
    }

    @POST
    @Operation(summary = "A temporary access code for the client", description = "For staff to pass on by phone: "
            + "valid 20 minutes (staff.code.valid.minutes), replaces any open code and lifts a lock. Audited "
            + "(without the code). 409 if the person has not registered or portal access is off.")
    public Response issue(@PathParam("clientId") String clientId, @Parameter(description = "TAXPAYER (default) or "
            + "SPOUSE") @QueryParam("person") String person, @Context SecurityContext security) {
        Actor actor = route.actor(security);
        PortalSignIn.StaffCode code = signIn.issueStaffCode(register.as(actor), clientId, StaffRequests.person(person),
                actor);
        return Response.status(Response.Status.CREATED).cacheControl(CacheControl.valueOf("no-store"))
                .entity(new StaffCodeJson(code.clientId(), code.person(), code.code(), code.expiresAt().toString()))
                .build();
    }

    @GET
    @Operation(summary = "Sign-in state of the client's people", description = "Registered, locked (until when), "
            + "whether a code is open, last sign-in.")
    public List<SignInStateJson> state(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        return signIn.states(register.as(route.actor(security)), clientId).stream()
                .map(state -> new SignInStateJson(state.person(), state.registered(), state.locked(),
                        state.lockedUntil() == null ? null : state.lockedUntil().toString(), state.codeOpen(),
                        state.lastSignInAt() == null ? null : state.lastSignInAt().toString()))
                .toList();
    }

    @POST
    @Path("unlock")
    @Operation(summary = "Unlock the client's sign-in", description = "Lifts the lock that too many wrong codes put "
            + "on the taxpayer's and the spouse's sign-in. Audited.")
    public UnlockedJson unlock(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        Actor actor = route.actor(security);
        PortalSignIn.Unlocked unlocked = signIn.unlock(register.as(actor), clientId, actor);
        return new UnlockedJson(unlocked.clientId(), unlocked.persons());
    }
}
