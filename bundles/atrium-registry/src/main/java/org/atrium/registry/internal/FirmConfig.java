package org.atrium.registry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/atrium.firm.cfg (PID atrium.firm): the firm as clients see it; changes apply at once. */
@ObjectClassDefinition(name = "Atrium firm", description = "The firm's name, email and public address, used in "
        + "every email and link Atrium sends")
public @interface FirmConfig {

    @AttributeDefinition(name = "Firm name", description = "{{firmName}} in emails, and the sender's name")
    String firm_name() default "";

    @AttributeDefinition(name = "Firm email", description = "The sender of Atrium's emails, e.g. office@smithco.com")
    String firm_email() default "";

    @AttributeDefinition(name = "Public address", description = "Where clients reach Atrium, e.g. "
            + "https://portal.smithco.com: the base of every link in an email. Required before invitations are sent "
            + "while the web server listens beyond this machine.")
    String public_url() default "";
}
