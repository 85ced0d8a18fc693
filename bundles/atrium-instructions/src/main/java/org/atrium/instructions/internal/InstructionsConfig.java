package org.atrium.instructions.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/atrium.instructions.cfg (PID atrium.instructions), optional. */
@ObjectClassDefinition(name = "Atrium client instructions")
public @interface InstructionsConfig {

    @AttributeDefinition(name = "Firm name", description = "What {{firmName}} becomes while firm.name in "
            + "etc/atrium.firm.cfg is unset (kept for installations that set it here)")
    String firm_name() default "Our firm";
}
