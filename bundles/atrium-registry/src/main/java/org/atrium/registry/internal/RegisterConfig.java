package org.atrium.registry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code atrium.registry} (etc/atrium.registry.cfg). */
@ObjectClassDefinition(name = "Atrium client register", description = "How the register protects taxpayer data")
public @interface RegisterConfig {

    @AttributeDefinition(name = "Tax ID key", type = AttributeType.PASSWORD,
            description = "Kept from earlier versions: the key of SSNs/EINs at rest. Empty (the default): derived "
                    + "from the master key of etc/atrium.keys.cfg; move a value set here to master.key there.")
    String taxId_key() default "";
}
