package org.atrium.database.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** PID {@code atrium.database} (etc/atrium.database.cfg): which database Atrium keeps its data in. */
@ObjectClassDefinition(name = "Atrium database", description = "Embedded Derby (the default) or a PostgreSQL server")
public @interface DatabaseConfig {

    @AttributeDefinition(name = "Type", options = {
        @Option(value = "derby", label = "Embedded Apache Derby under data/derby"),
        @Option(value = "postgresql", label = "A PostgreSQL server")
    })
    String type() default "derby";

    @AttributeDefinition(name = "JDBC URL", description = "PostgreSQL only: jdbc:postgresql://HOST:5432/DATABASE")
    String url() default "";

    @AttributeDefinition(name = "User", description = "PostgreSQL only")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "PostgreSQL only: in a file "
            + "only Atrium's user may read, or from the environment: password = $[env:ATRIUM_DATABASE_PASSWORD]")
    String password() default "";

    @AttributeDefinition(name = "Derby folder", description = "Derby only; empty: data/derby/atrium")
    String derby_directory() default "";

    @AttributeDefinition(name = "Connections", description = "The most connections open at once")
    int pool_maxTotal() default 16;

    @AttributeDefinition(name = "Idle connections", description = "The most connections kept open while idle")
    int pool_maxIdle() default 8;

    @AttributeDefinition(name = "Connect timeout (s)", description = "PostgreSQL only: how long to wait for the "
            + "server before the attempt counts as failed (and the health as DOWN)")
    int connectTimeout() default 5;
}
