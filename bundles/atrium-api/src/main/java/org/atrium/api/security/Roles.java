package org.atrium.api.security;

/** The JAAS roles Atrium knows (etc/users.properties, the jaas:* commands). */
public final class Roles {

    /** System administrator: every office, and the settings. */
    public static final String ADMIN = "atrium-admin";
    /** Staff: clients of the offices granted to them. */
    public static final String STAFF = "atrium-staff";

    private Roles() {
    }
}
