package org.atrium.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.security.UserGrants;
import org.atrium.api.security.UserPreferences;
import org.atrium.rest.internal.security.Caller;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/v1/me}: who the signed-in user is, and what they may reach; and their preferences, which the
 * staff pages keep on the server so that they follow the user to another browser.
 */
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserPreferences preferences;

    @GET
    @Path("preferences")
    @Operation(summary = "The signed-in user's preferences", description = "A JSON object: each preference's "
            + "name and the JSON value stored for it.")
    public Map<String, JsonNode> preferences(@Context SecurityContext security) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        preferences().of(Caller.of(security).name()).forEach((name, json) -> {
            try {
                values.put(name, JsonProvider.MAPPER.readTree(json));
            } catch (JsonProcessingException stored) {
                // stored by put() below only after it was read as JSON; skip anything else
            }
        });
        return values;
    }

    @PUT
    @Path("preferences/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set one preference", description = "Any JSON value of at most 4,000 characters; a user "
            + "keeps at most 50 preferences.")
    public JsonNode setPreference(@PathParam("name") String name, JsonNode value, @Context SecurityContext security)
            throws JsonProcessingException {
        String json = value == null ? null : JsonProvider.MAPPER.writeValueAsString(value);
        preferences().put(Caller.of(security).name(), name, json);
        return value;
    }

    @DELETE
    @Path("preferences/{name}")
    @Operation(summary = "Forget one preference")
    public void removePreference(@PathParam("name") String name, @Context SecurityContext security) {
        preferences().remove(Caller.of(security).name(), name);
    }

    private UserPreferences preferences() {
        return Unavailable.unless(preferences, "the users' preferences");
    }

    private UserGrants grants() {
        return Unavailable.unless(grants, "the users' office grants");
    }
}
