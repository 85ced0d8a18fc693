package org.atrium.api.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The office locations and email of each user. Users themselves and their roles live in Karaf's JAAS
 * realm; this service keeps only what Atrium adds to them. Every change is recorded in the audit trail.
 */
@ProviderType
public interface UserGrants {

    Optional<UserGrant> find(String username);

    /** Every user with a grant, by user name. */
    List<UserGrant> list();

    /**
     * Replaces a user's grant.
     *
     * @param by who makes the change, for the audit trail
     * @throws org.atrium.api.client.ClientValidationException if an office does not exist or the email is
     *         not an email address; nothing is changed
     */
    UserGrant save(UserGrant grant, Actor by);

    /** The actor for a signed-in user: an administrator, or staff with the offices granted to them. */
    default Actor actorFor(String username, boolean administrator) {
        if (administrator) {
            return Actor.administrator(username);
        }
        return Actor.staff(username, find(username).map(UserGrant::offices).orElse(Set.of()));
    }
}
