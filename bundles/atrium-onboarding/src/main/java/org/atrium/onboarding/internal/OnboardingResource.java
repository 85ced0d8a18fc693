package org.atrium.onboarding.internal;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.onboarding.Onboarding;
import org.atrium.api.rest.ApiRoute;
import org.atrium.rest.support.RouteContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code POST /api/v1/clients/{clientId}/onboarding-email}: invite one client. */
@Component(service = ApiRoute.class, property = ApiRoute.CLIENT_ROUTE + "=onboarding-email")
@Path("clients/{clientId}/onboarding-email")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clients")
public class OnboardingResource implements ApiRoute {

    /** What the invitation did. */
    public record InvitationJson(String clientId, RegistrationStatus status, String invitedAt,
            String invitationExpiresAt, int recipients) {
    }

    private final Onboarding onboarding;
    private final ClientRegister register;
    private final RouteContext route;

    @Activate
    public OnboardingResource(@Reference Onboarding onboarding, @Reference ClientRegister register,
            @Reference RouteContext route) {
        this.onboarding = onboarding;
        this.register = register;
        this.route = route;
    }

    @POST
    @Operation(summary = "Send the onboarding email", description = "The default client instruction, to the "
            + "taxpayer and (married filing jointly) the spouse, each with their own single-use registration link; "
            + "earlier links stop working. 400 when portal access is off; 503 while the mailer is not installed.")
    public InvitationJson send(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        Client invited = onboarding.invite(register.as(route.actor(security)), clientId);
        return new InvitationJson(invited.clientId(), invited.status(), invited.invitedAt().toString(),
                invited.invitationExpiresAt().toString(), MailOnboarding.hasSpouseEmail(invited) ? 2 : 1);
    }
}
