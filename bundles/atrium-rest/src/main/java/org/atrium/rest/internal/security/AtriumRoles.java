package org.atrium.rest.internal.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The JAAS roles Atrium knows (etc/users.properties, jaas:* commands). */
public final class AtriumRoles {

    /** System administrator: everything, including settings. */
    public static final String ADMIN = org.atrium.api.security.Roles.ADMIN;
    /** Staff: clients of the offices granted to them. */
    public static final String STAFF = org.atrium.api.security.Roles.STAFF;

    /** The Atrium roles among a user's JAAS roles. */
    public static Set<String> of(Collection<String> roles) {
        return roles.stream().filter(role -> role.equals(ADMIN) || role.equals(STAFF))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private AtriumRoles() {
    }
}
