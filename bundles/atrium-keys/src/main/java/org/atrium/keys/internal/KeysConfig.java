package org.atrium.keys.internal;

/**
 * PID {@code atrium.keys} (etc/atrium.keys.cfg), read together with {@code atrium.database} for its {@code type}:
 * a database server is shared by nodes, so there the master key must come from the operator.
 */
public @interface KeysConfig {

    /**
     * {@code master.key}: Base64 of 32 random bytes (atrium:master-key --new, or openssl rand -base64 32), the same
     * on every node; or from the environment: {@code master.key = $[env:ATRIUM_MASTER_KEY]}. Empty on embedded
     * Derby: data/atrium/master.key, made on first start.
     */
    String master_key() default "";

    /** From etc/atrium.database.cfg: {@code derby} or {@code postgresql}. */
    String type() default "derby";
}
