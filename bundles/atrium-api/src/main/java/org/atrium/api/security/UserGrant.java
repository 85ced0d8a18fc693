package org.atrium.api.security;

import java.util.Set;
import java.util.TreeSet;

/**
 * What an administrator granted a user: the office locations whose clients they may see and change, and
 * the email address Atrium writes to them at (e.g. the result of an import they started).
 *
 * @param email may be {@code null}
 */
public record UserGrant(String username, String email, Set<Integer> offices) {

    public UserGrant {
        offices = offices == null ? Set.of() : Set.copyOf(new TreeSet<>(offices));
    }

    /** A user nobody granted anything yet. */
    public static UserGrant none(String username) {
        return new UserGrant(username, null, Set.of());
    }
}
