package org.atrium.portal.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.Person;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.rest.ApiRoute;
import org.atrium.rest.support.InvalidRequestException;
import org.atrium.rest.support.RouteContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** "Client View": {@code GET /api/v1/clients/{clientId}/portal-view}, what the client sees in the portal now. */
@Component(service = ApiRoute.class, property = ApiRoute.CLIENT_ROUTE + "=portal-view")
@Path("clients/{clientId}/portal-view")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Client portal")
public class PortalViewResource implements ApiRoute {

    private final ClientRegister register;
    private final RouteContext route;
    private final OfficeDirectory offices;
    private final DropOffStore dropOffs;
    private final PortalItems items;

    @Activate
    public PortalViewResource(@Reference ClientRegister register, @Reference OfficeDirectory offices,
            @Reference DropOffStore dropOffs, @Reference PortalItems items, @Reference RouteContext route) {
        this.route = route;
        this.register = register;
        this.offices = offices;
        this.dropOffs = dropOffs;
        this.items = items;
    }

    @GET
    @Operation(summary = "What the client sees in the portal", description = "The same view as GET "
            + "/portal/api/v1/me, for the taxpayer or the spouse.")
    public PortalView view(@PathParam("clientId") String clientId, @Parameter(description = "TAXPAYER (default) or "
            + "SPOUSE") @QueryParam("person") String person, @Context SecurityContext security) {
        Client client = register.as(route.actor(security)).get(clientId);
        Person who = StaffRequests.person(person);
        PortalPerson target = client.person(who).orElseThrow(() -> new InvalidRequestException("Client '"
                + client.clientId() + "' has no spouse."));
        return PortalView.of(target, offices, items, dropOffs);
    }
}
