package org.atrium.exporter.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/atrium.exporter.cfg (PID atrium.exporter). */
@ObjectClassDefinition(name = "Atrium client exporter", description = "Exports of the client list")
public @interface ExporterConfig {

    @AttributeDefinition(name = "Time zone",
            description = "Zone of the created/updated/invited times and of the date in file names, e.g. "
                    + "America/New_York; empty for the server's zone.")
    String time_zone() default "";

    @AttributeDefinition(name = "Exports at the same time", min = "1",
            description = "More are refused with 503 until one ends: each takes a processor while it runs.")
    int max_concurrent() default 2;
}
