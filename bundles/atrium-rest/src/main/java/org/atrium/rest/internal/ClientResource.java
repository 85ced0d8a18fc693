package org.atrium.rest.internal;

import java.net.URI;
import java.util.HashSet;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.Response.Status;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.atrium.api.client.BulkResult;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.Page;
import org.atrium.api.rest.ApiRoute;
import org.atrium.rest.internal.security.Caller;
import org.atrium.rest.support.InvalidRequestException;
import org.atrium.rest.support.ClientSearchParameters;
import org.atrium.rest.support.Problem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/clients}: the client register over HTTP. */
@Component(service = ClientResource.class)
@Path("clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clients", description = "The register of the firm's clients")
public class ClientResource {

    /** More IDs than this in one bulk request should be a filter instead. */
    static final int MAX_BULK_IDS = 10_000;
    /** More clients than this are processed in the background (202 and a bulk job), not while the request waits. */
    static final int SYNC_MAX = 500;
    /** RFC 7396's media type. */
    static final String MERGE_PATCH = "application/merge-patch+json";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClientRegister register;
    private final BulkActions bulkActions;
    private final BulkJobs bulkJobs;
    private final ApiRoutes routes;

    @Activate
    public ClientResource(@Reference BulkActions bulkActions, @Reference BulkJobs bulkJobs, @Reference ApiRoutes routes) {
        this.bulkActions = bulkActions;
        this.bulkJobs = bulkJobs;
        this.routes = routes;
    }

    /** {@code /clients/{clientId}/{route}} of other bundles (onboarding email, ...); see {@link ApiRoute}. */
    @Path("{clientId}/{route}")
    @Hidden
    public Object clientRoute(@PathParam("route") String route) {
        return routes.clientRoute(route);
    }

    @GET
    @Operation(summary = "Search clients", description = "q matches the words of client ID, name and email of "
            + "taxpayer and spouse (any case; the last word may be the beginning of one; a word no client has is "
            + "looked for inside words), or an SSN/EIN (9 digits, dashes allowed). Pages are zero-based. A search "
            + "with very many matches counts 40 pages from the one asked and stops: its total then says \"more "
            + "than\" (totalExact false); exactTotal=true counts them all, which takes longer.")
    public ClientPage list(@QueryParam("q") String q, @QueryParam("status") String status,
            @QueryParam("portalAccess") String portalAccess, @QueryParam("office") String office,
            @Parameter(description = "true: only clients whose last onboarding email could not be delivered")
            @QueryParam("invitationFailed") String invitationFailed,
            @Parameter(description = "field, field,asc or field,desc") @QueryParam("sort") String sort,
            @QueryParam("page") String page, @QueryParam("size") String size,
            @Parameter(description = "true: the total is the exact number of matches however many there are")
            @QueryParam("exactTotal") String exactTotal, @Context SecurityContext security) {
        ClientFilter filter = ClientSearchParameters.filter(q, status, portalAccess, office, invitationFailed);
        ClientQuery query = ClientSearchParameters.query(filter, sort, page, size);
        boolean countAll = Boolean.TRUE.equals(ClientSearchParameters.bool("exactTotal", exactTotal));
        ClientRegister view = registerFor(security);
        Page<Client> result = view.search(query);
        boolean exact = result.totalExact() || countAll;
        long total = result.totalExact() || !countAll ? result.total() : view.count(filter);
        return new ClientPage(result.items().stream().map(ClientJson::of).toList(), total, exact, result.page(),
                result.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a client", description = "New clients are PENDING.")
    public Response create(ClientInput input, @Context UriInfo uriInfo, @Context SecurityContext security) {
        Client created = registerFor(security).create(requireBody(input).toData());
        URI location = uriInfo.getAbsolutePathBuilder().path(created.clientId()).build();
        return Response.created(location).entity(ClientJson.of(created)).build();
    }

    @GET
    @Path("{clientId}")
    @Operation(summary = "Read a client")
    public ClientJson get(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        return ClientJson.of(registerFor(security).get(clientId));
    }

    @GET
    @Path("{clientId}/tax-id")
    @Operation(summary = "Read the full SSN/EIN", description = "System administrators only; every read is "
            + "recorded in the audit trail.")
    public TaxIdJson taxId(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        Caller.requireAdministrator(security, "Reading a full SSN/EIN");
        return TaxIdJson.of(registerFor(security).readTaxIds(clientId));
    }

    @PUT
    @Path("{clientId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a client", description = "Every field a GET answers must be sent (null clears "
            + "one; a field left out is a 400 naming it, never an erasure); the masked tax ID sent back keeps the "
            + "stored one. The body's version must be the version read (409 if someone changed the client since). "
            + "Changing the email makes the client PENDING again. To change some fields, use PATCH.")
    public ClientJson update(@PathParam("clientId") String clientId, JsonNode body,
            @Context SecurityContext security) throws JsonProcessingException {
        List<FieldError> missing = ClientInput.missingForReplace(requireObject(body));
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("A PUT replaces the whole client, and " + missing.size()
                    + " field(s) are missing: send each (null clears it), or change some fields with PATCH.", missing);
        }
        return update(clientId, JsonProvider.MAPPER.treeToValue(body, ClientInput.class), security);
    }

    @PATCH
    @Path("{clientId}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some fields of a client", description = "A JSON Merge Patch (RFC 7396, "
            + "Content-Type application/merge-patch+json): the fields sent change, null clears one, the rest "
            + "stay; in \"spouse\" likewise. With \"version\" the change is refused (409) if someone changed the "
            + "client since that version.")
    public ClientJson patch(@PathParam("clientId") String clientId, JsonNode patch,
            @Context SecurityContext security) throws JsonProcessingException {
        requireObject(patch);
        JsonNode current = JsonProvider.MAPPER.valueToTree(ClientJson.of(registerFor(security).get(clientId)));
        return update(clientId, JsonProvider.MAPPER.treeToValue(MergePatch.apply(current, patch), ClientInput.class),
                security);
    }

    private ClientJson update(String clientId, ClientInput input, SecurityContext security) {
        if (input.version() == null) {
            throw new InvalidRequestException("version is required: send the version of the client you read.");
        }
        return ClientJson.of(registerFor(security).update(clientId, input.toData(), input.version()));
    }

    @DELETE
    @Path("{clientId}")
    @Operation(summary = "Delete a client")
    public Response delete(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        registerFor(security).delete(clientId);
        return Response.noContent().build();
    }

    @PUT
    @Path("{clientId}/portal-access")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn portal access on or off")
    public ClientJson portalAccess(@PathParam("clientId") String clientId, ToggleInput toggle,
            @Context SecurityContext security) {
        return ClientJson.of(registerFor(security).setPortalAccess(clientId, enabled(toggle)));
    }

    @PUT
    @Path("{clientId}/sms-otp")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn SMS one-time passwords on or off", description = "Needs a mobile number.")
    public ClientJson smsOtp(@PathParam("clientId") String clientId, ToggleInput toggle,
            @Context SecurityContext security) {
        return ClientJson.of(registerFor(security).setSmsOtp(clientId, enabled(toggle)));
    }

    @PUT
    @Path("{clientId}/drop-off-access")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn drop-off upload access on or off")
    public ClientJson dropOffAccess(@PathParam("clientId") String clientId, ToggleInput toggle,
            @Context SecurityContext security) {
        return ClientJson.of(registerFor(security).setDropOffAccess(clientId, enabled(toggle)));
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply an action to many clients", description = "Either clientIds or a filter "
            + "(every matching client, all pages). Each client is processed on its own; failures are listed. Up to "
            + SYNC_MAX + " clients the answer is the result (200); more, or \"background\": true, run as a bulk job: "
            + "202 with its progress and Location /api/v1/bulk-jobs/{id}.")
    public Response bulk(BulkInput input, @Context SecurityContext security) {
        requireBody(input);
        ClientRegister register = registerFor(security);
        if (input.action() == null || !bulkActions.has(input.action())) {
            throw new InvalidRequestException((input.action() == null ? "action is required" : "Unknown action '"
                    + input.action() + "'") + ". Available actions: " + String.join(", ", bulkActions.names()) + ".");
        }
        if ((input.clientIds() == null) == (input.filter() == null)) {
            throw new InvalidRequestException("Give either clientIds or filter, not both and not neither.");
        }
        List<String> clientIds;
        if (input.clientIds() != null) {
            if (input.clientIds().size() > MAX_BULK_IDS) {
                throw new InvalidRequestException("At most " + MAX_BULK_IDS + " clientIds per request; use a filter for more.");
            }
            if (input.clientIds().stream().anyMatch(id -> id == null || id.isBlank())) {
                throw new InvalidRequestException("clientIds must not contain empty entries.");
            }
            clientIds = input.clientIds();
        } else {
            BulkInput.FilterInput f = input.filter();
            if (f.empty() && !Boolean.TRUE.equals(input.all()) && input.expectedCount() == null) {
                throw new InvalidRequestException("This filter has no condition, so it selects every client you may "
                        + "see. To act on all of them, say so: send \"all\": true (or \"expectedCount\" with the number "
                        + "of clients you mean). Nothing was done.");
            }
            clientIds = register.findClientIds(new ClientFilter(f.q(), ClientSearchParameters.status(f.status()),
                    f.portalAccess(), f.office(), f.invitationFailed()));
        }
        int selected = new HashSet<>(clientIds).size();
        if (input.expectedCount() != null && input.expectedCount() != selected) {
            throw new WebApplicationException(Problem.typed("count-changed", "Selection changed", Status.CONFLICT,
                    "The selection holds " + selected + " client(s), not the "
                    + input.expectedCount() + " expected: someone changed the register meanwhile. Nothing was done; "
                    + "look at the list again.", null).toResponse());
        }
        if (selected > SYNC_MAX || Boolean.TRUE.equals(input.background())) {
            BulkJobStatus job = bulkJobs.submit(input.action(), Caller.actor(security), clientIds);
            return Response.accepted(job).location(URI.create("bulk-jobs/" + job.id())).build();
        }
        return Response.ok(bulkActions.run(input.action(), register, clientIds)).build();
    }

    /** The register as the signed-in user: their offices only, their name in the audit trail. */
    private ClientRegister registerFor(SecurityContext security) {
        return register().as(Caller.actor(security));
    }

    private static JsonNode requireObject(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new InvalidRequestException("The request body is empty; send a JSON object.");
        }
        if (!body.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object ({...}).");
        }
        return body;
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw new InvalidRequestException("The request body is empty; send a JSON object.");
        }
        return body;
    }

    private static boolean enabled(ToggleInput toggle) {
        if (toggle == null || toggle.enabled() == null) {
            throw new InvalidRequestException("Send {\"enabled\": true} or {\"enabled\": false}.");
        }
        return toggle.enabled();
    }

    private ClientRegister register() {
        return Unavailable.unless(register, "the client register");
    }
}
