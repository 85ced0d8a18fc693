package org.atrium.onboarding.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/atrium.onboarding.cfg (PID atrium.onboarding), optional. */
@ObjectClassDefinition(name = "Atrium onboarding")
public @interface OnboardingConfig {

    @AttributeDefinition(name = "Registration page", description = "The client portal's registration address; "
            + "each link is this with ?token=... appended. Use the address clients reach (https in production). "
            + "Empty: the firm's public address (public.url in etc/atrium.firm.cfg) + /portal/register, else this "
            + "server while it listens on this machine only (http://localhost:PORT/portal/register).")
    String link_base() default "";

    @AttributeDefinition(name = "Link validity (days)", min = "1", max = "365")
    int link_valid_days() default 14;
}
