package org.atrium.rest.internal;

import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;
import org.atrium.rest.internal.security.Caller;
import org.atrium.rest.support.InvalidRequestException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/offices}: the firm's office locations. */
@Component(service = OfficeResource.class)
@Path("offices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offices", description = "The firm's office locations")
public class OfficeResource {

    /** The body of {@code POST /offices}. */
    public record OfficeInput(Integer number, String name) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile OfficeDirectory offices;

    @GET
    @Operation(summary = "List office locations")
    public List<OfficeLocation> list() {
        return offices().list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an office location", description = "System administrators only.")
    public Response create(OfficeInput input, @Context UriInfo uriInfo, @Context SecurityContext security) {
        Caller caller = Caller.requireAdministrator(security, "Adding an office location");
        if (input == null || input.number() == null) {
            throw new InvalidRequestException("Send {\"number\": 2, \"name\": \"...\"}: number is required.");
        }
        OfficeLocation created = offices().create(new OfficeLocation(input.number(), input.name()), caller.actor());
        URI location = uriInfo.getAbsolutePathBuilder().path(String.valueOf(created.number())).build();
        return Response.created(location).entity(created).build();
    }

    private OfficeDirectory offices() {
        return Unavailable.unless(offices, "the office locations");
    }
}
