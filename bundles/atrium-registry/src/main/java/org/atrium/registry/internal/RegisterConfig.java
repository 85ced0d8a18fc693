package org.atrium.registry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code atrium.registry} (etc/atrium.registry.cfg). */
@ObjectClassDefinition(name = "Atrium client register", description = "How the register protects taxpayer data")
public @interface RegisterConfig {

    @AttributeDefinition(name = "Tax ID key", type = AttributeType.PASSWORD,
            description = "Base64 of 32 random bytes that encrypt SSNs/EINs at rest (openssl rand -base64 32). "
                    + "Empty: a key generated on first start into data/atrium/tax-id.key.")
    String taxId_key() default "";
}
