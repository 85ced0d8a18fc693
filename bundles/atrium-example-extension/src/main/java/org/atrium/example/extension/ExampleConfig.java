package org.atrium.example.extension;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/atrium.example.cfg (PID atrium.example); changes apply at once. */
@ObjectClassDefinition(name = "Atrium example extension")
public @interface ExampleConfig {

    @AttributeDefinition(name = "Client ID pattern", description = "A Java regular expression every client ID must "
            + "match, e.g. \\d{6}. Empty: no rule.")
    String clientId_pattern() default "";
}
