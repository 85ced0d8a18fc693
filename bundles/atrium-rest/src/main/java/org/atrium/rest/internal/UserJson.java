package org.atrium.rest.internal;

import java.util.List;
import java.util.Set;

/**
 * A user as the API shows them: Atrium roles from the JAAS realm, and what an administrator granted them.
 *
 * @param allOffices administrators reach every office whatever {@code offices} says
 * @param offices the office locations granted to the user
 */
public record UserJson(String username, Set<String> roles, boolean allOffices, String email, List<Integer> offices) {

    /** The body of {@code PUT /users/{username}}. */
    public record GrantInput(String email, List<Integer> offices) {
    }
}
