package org.atrium.rest.internal.security;

/** The JAAS roles Atrium knows (etc/users.properties, jaas:* commands). */
public final class AtriumRoles {

    /** System administrator: everything, including settings. */
    public static final String ADMIN = "atrium-admin";
    /** Staff: clients of the offices granted to them. */
    public static final String STAFF = "atrium-staff";

    private AtriumRoles() {
    }
}
