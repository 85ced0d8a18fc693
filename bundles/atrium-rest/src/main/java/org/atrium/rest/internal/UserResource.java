package org.atrium.rest.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.UnknownItemException;
import org.atrium.api.security.UserGrant;
import org.atrium.api.security.MultiFactor;
import org.atrium.api.security.UserGrants;
import org.atrium.rest.internal.security.AtriumRoles;
import org.atrium.rest.internal.security.Caller;
import org.atrium.rest.internal.security.StaffSessions;
import org.atrium.rest.internal.security.RealmUsers;
import org.atrium.rest.support.InvalidRequestException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/v1/users}: the users of Karaf's realm who hold an Atrium role, with their office grants.
 * Users and passwords are managed at the console ({@code jaas:*}); this is where administrators grant offices.
 */
@Component(service = UserResource.class)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Office locations granted to users (system administrators only)")
public class UserResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserGrants grants;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MultiFactor factors;

    private final RealmUsers realm;
    private final StaffSessions sessions;

    @Activate
    public UserResource(@Reference RealmUsers realm, @Reference StaffSessions sessions) {
        this.realm = realm;
        this.sessions = sessions;
    }

    @GET
    @Operation(summary = "List users with an Atrium role and their grants",
            description = "Also lists grants of users no longer in the realm (with no roles), so they can be cleaned up.")
    public List<UserJson> list(@Context SecurityContext security) {
        Caller.requireAdministrator(security, "The list of users");
        Map<String, UserGrant> granted = new TreeMap<>();
        grants().list().forEach(grant -> granted.put(grant.username(), grant));
        Map<String, Set<String>> realmUsers = realm.users().orElse(Map.of());
        Set<String> names = new TreeSet<>(granted.keySet());
        realmUsers.forEach((name, roles) -> {
            if (!roles.isEmpty()) {
                names.add(name);
            }
        });
        List<UserJson> users = new ArrayList<>();
        for (String name : names) {
            users.add(json(name, realmUsers.getOrDefault(name, Set.of()), granted.get(name)));
        }
        return users;
    }

    @GET
    @Path("{username}")
    @Operation(summary = "Read one user's roles and grants")
    public UserJson get(@PathParam("username") String username, @Context SecurityContext security) {
        Caller.requireAdministrator(security, "Reading a user's grants");
        Optional<UserGrant> grant = grants().find(username);
        Optional<Set<String>> roles = realm.roles(username);
        if (grant.isEmpty() && roles.isEmpty()) {
            throw unknownUser(username);
        }
        return json(username, roles.orElse(Set.of()), grant.orElse(null));
    }

    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant office locations", description = "Replaces the user's email and offices: "
            + "{\"email\": \"...\", \"offices\": [1, 2]}. Recorded in the audit trail.")
    public UserJson put(@PathParam("username") String username, UserJson.GrantInput input,
            @Context SecurityContext security) {
        Caller caller = Caller.requireAdministrator(security, "Granting office locations");
        if (input == null || input.offices() == null) {
            throw new InvalidRequestException("Send {\"email\": \"name@example.com\", \"offices\": [1, 2]}: offices is "
                    + "required (an empty list takes every office away).");
        }
        if (input.offices().contains(null)) {
            throw new InvalidRequestException("offices must be office location numbers, not null.");
        }
        Optional<Map<String, Set<String>>> realmUsers = requireKnown(username);
        UserGrant saved = grants().save(new UserGrant(username, input.email(), new HashSet<>(input.offices())),
                caller.actor());
        return json(username, realmUsers.map(users -> users.get(username)).orElse(Set.of()), saved);
    }

    @DELETE
    @Path("{username}/mfa")
    @Operation(summary = "Reset a user's two-factor sign-in", description = "Removes their authenticator and "
            + "recovery codes and ends their sessions; they set up a new authenticator at their next sign-in. "
            + "Recorded in the audit trail.")
    public Response resetMfa(@PathParam("username") String username, @Context SecurityContext security) {
        Caller caller = Caller.requireAdministrator(security, "Resetting two-factor sign-in");
        requireKnown(username);
        Unavailable.unless(factors, "two-factor sign-in (the register)").reset(username, caller.actor());
        sessions.closeAll(username);
        return Response.noContent().build();
    }

    static UserJson json(String username, Set<String> roles, UserGrant grant) {
        return new UserJson(username, roles, roles.contains(AtriumRoles.ADMIN), grant == null ? null : grant.email(),
                grant == null ? List.of() : grant.offices().stream().sorted().toList());
    }

    /**
     * The realm's users, after checking that {@code username} is one of them (when the realm can list its
     * users at all).
     */
    private Optional<Map<String, Set<String>>> requireKnown(String username) {
        Optional<Map<String, Set<String>>> realmUsers = realm.users();
        if (realmUsers.isPresent() && !realmUsers.get().containsKey(username)) {
            throw unknownUser(username);
        }
        return realmUsers;
    }

    private static UnknownItemException unknownUser(String username) {
        return new UnknownItemException("No user '" + username + "' in Karaf's realm. Add users at the console: "
                + "jaas:realm-manage --realm karaf; jaas:user-add NAME PASSWORD; jaas:role-add NAME atrium-staff; "
                + "jaas:update.");
    }

    private UserGrants grants() {
        return Unavailable.unless(grants, "the users' office grants");
    }
}
