package org.atrium.instructions.internal;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.atrium.api.firm.Firm;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.AtriumException;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.instructions.ClientInstructions;
import org.atrium.api.instructions.Instruction;
import org.atrium.api.instructions.Placeholders;
import org.atrium.api.instructions.RenderedMail;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;
import org.atrium.api.rest.ApiRoute;
import org.atrium.api.security.Actor;
import org.atrium.rest.support.RouteContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/instructions}: the onboarding email templates (system administrators only). */
@Component(service = ApiRoute.class, property = ApiRoute.ROUTE + "=instructions")
@Path("instructions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Client instructions", description = "Onboarding email templates (system administrators only)")
public class InstructionsResource implements ApiRoute {

    static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    /** A template as the API shows and takes it. */
    public record InstructionJson(String id, String name, String subject, String body,
            @JsonProperty("default") Boolean isDefault) {

        static InstructionJson of(Instruction instruction) {
            return new InstructionJson(instruction.id(), instruction.name(), instruction.subject(), instruction.body(),
                    instruction.isDefault());
        }

        Instruction toValue() {
            return new Instruction(id, name, subject, body, Boolean.TRUE.equals(isDefault));
        }
    }

    /** The optional body of a preview: render for this client instead of sample data. */
    public record PreviewInput(String clientId) {
    }

    private final RouteContext route;
    private final ClientInstructions instructions;
    private final ClientRegister register;
    private final OfficeDirectory offices;
    private final Firm firm;

    @Activate
    public InstructionsResource(@Reference ClientInstructions instructions, @Reference ClientRegister register,
            @Reference OfficeDirectory offices, @Reference RouteContext route, @Reference Firm firm) {
        this.route = route;
        this.instructions = instructions;
        this.register = register;
        this.offices = offices;
        this.firm = firm;
    }

    @GET
    @Operation(summary = "List templates", description = "The default first.")
    public List<InstructionJson> list(@Context SecurityContext security) {
        administrator(security);
        return instructions.list().stream().map(InstructionJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a template", description = "Placeholders: {{clientName}}, {{spouseName}}, "
            + "{{firmName}}, {{registrationLink}}, {{officeName}}, {{linkExpiresOn}}. An unknown one is a 400 naming "
            + "it and its line and column. \"default\": true also makes it the default.")
    public Response create(InstructionJson input, @Context UriInfo uriInfo, @Context SecurityContext security) {
        Actor actor = administrator(security);
        Instruction created = instructions.create(requireBody(input).toValue(), actor);
        if (Boolean.TRUE.equals(input.isDefault())) {
            created = instructions.makeDefault(created.id(), actor);
        }
        URI location = uriInfo.getAbsolutePathBuilder().path(created.id()).build();
        return Response.created(location).entity(InstructionJson.of(created)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a template")
    public InstructionJson get(@PathParam("id") String id, @Context SecurityContext security) {
        administrator(security);
        return InstructionJson.of(require(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a template", description = "Name, subject and body; \"default\": true also makes it "
            + "the default (false is ignored: choose another default instead).")
    public InstructionJson update(@PathParam("id") String id, InstructionJson input, @Context SecurityContext security) {
        Actor actor = administrator(security);
        Instruction updated = instructions.update(id, requireBody(input).toValue(), actor);
        if (Boolean.TRUE.equals(input.isDefault())) {
            updated = instructions.makeDefault(id, actor);
        }
        return InstructionJson.of(updated);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a template", description = "Not the default one (409).")
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        instructions.delete(id, administrator(security));
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/default")
    @Operation(summary = "Make this the template sent to every client")
    public InstructionJson makeDefault(@PathParam("id") String id, @Context SecurityContext security) {
        return InstructionJson.of(instructions.makeDefault(id, administrator(security)));
    }

    @POST
    @Path("{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Render a template", description = "For sample data, or for a client with "
            + "{\"clientId\": \"...\"}. The link and its expiry date are samples.")
    public RenderedMail preview(@PathParam("id") String id, PreviewInput input, @Context SecurityContext security,
            @Context UriInfo uri) {
        Actor actor = administrator(security);
        Instruction instruction = require(id);
        Map<String, String> values = new HashMap<>();
        // a sample on the firm's public address, else on the server the administrator is looking at
        values.put(Placeholders.REGISTRATION_LINK, firm.profile().link("/portal/register?token=PREVIEW")
                .orElseGet(() -> uri.getBaseUri().resolve("/portal/register?token=PREVIEW").toString()));
        values.put(Placeholders.LINK_EXPIRES_ON, LONG_DATE.format(LocalDate.now(ZoneOffset.UTC).plusDays(14)));
        if (input != null && input.clientId() != null) {
            Client client = register.as(actor).get(input.clientId());
            values.put(Placeholders.CLIENT_NAME, client.name());
            values.put(Placeholders.SPOUSE_NAME, client.spouse() == null ? "" : client.spouse().name());
            values.put(Placeholders.OFFICE_NAME, offices.find(client.officeLocation()).map(OfficeLocation::name)
                    .orElse(""));
        } else {
            values.put(Placeholders.CLIENT_NAME, "Jane Sample");
            values.put(Placeholders.SPOUSE_NAME, "John Sample");
            values.put(Placeholders.OFFICE_NAME, "Main Office");
        }
        return instructions.render(instruction, values);
    }

    private Instruction require(String id) {
        return instructions.find(id).orElseThrow(() -> new UnknownItemException("No client instruction with ID '" + id
                + "'."));
    }

    private Actor administrator(SecurityContext security) {
        return route.administrator(security, "Client instructions");
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw new InvalidBodyException("The request body is empty; send a JSON object with name, subject and body.");
        }
        return body;
    }

    /** A missing body: 400. */
    static class InvalidBodyException extends AtriumException {
        private static final long serialVersionUID = 1L;

        InvalidBodyException(String detail) {
            super(detail);
        }
    }
}
