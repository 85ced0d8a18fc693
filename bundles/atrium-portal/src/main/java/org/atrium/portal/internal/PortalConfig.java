package org.atrium.portal.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/atrium.portal.cfg: access codes, sessions and drop-off limits. */
@ObjectClassDefinition(name = "Atrium client portal", description = "Sign-in with access codes and drop-off uploads")
public @interface PortalConfig {

    @AttributeDefinition(description = "Minutes an access code sent by email or SMS stays valid")
    int code_valid_minutes() default 10;

    @AttributeDefinition(description = "Minutes a temporary access code given by staff stays valid")
    int staff_code_valid_minutes() default 20;

    @AttributeDefinition(description = "Wrong codes after which sign-in is locked")
    int code_max_wrong() default 5;

    @AttributeDefinition(description = "Minutes sign-in stays locked after too many wrong codes (staff can unlock)")
    int lock_minutes() default 30;

    @AttributeDefinition(description = "Codes one person may be sent per window")
    int sends_per_person() default 3;

    @AttributeDefinition(description = "Code requests and sign-in attempts one network address may make per window")
    int requests_per_address() default 30;

    @AttributeDefinition(description = "Minutes of the rate-limit window")
    int window_minutes() default 15;

    @AttributeDefinition(description = "Hours a portal session lasts")
    int session_hours() default 8;

    @AttributeDefinition(description = "Largest drop-off upload, in megabytes")
    int drop_off_max_mb() default 25;

    @AttributeDefinition(description = "Folder of the drop-off files. Empty: data/atrium/drop-off on this node. "
            + "Several nodes: a folder of storage they all mount (NFS, SMB), at the same path on each; a relative "
            + "path is taken from data/atrium")
    String drop_off_folder() default "";

    @AttributeDefinition(description = "Days a deleted client's drop-offs (and delivered items) are kept, for "
            + "administrators only; 0 deletes them with the client")
    int deleted_client_retention_days() default 0;
}
