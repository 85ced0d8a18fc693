package org.atrium.mailer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** etc/atrium.mailer.cfg (PID atrium.mailer); changes apply to the next delivery, without restart. */
@ObjectClassDefinition(name = "Atrium mailer", description = "How Atrium sends mail. Without an SMTP host every "
        + "message is written as an .eml file to data/atrium/outbox/ instead.")
public @interface MailerConfig {

    @AttributeDefinition(name = "SMTP host", description = "Empty: no SMTP server; messages go to data/atrium/outbox/")
    String smtp_host() default "";

    @AttributeDefinition(name = "SMTP port", min = "1", max = "65535")
    int smtp_port() default 587;

    @AttributeDefinition(name = "SMTP user name", description = "Empty: no authentication")
    String smtp_username() default "";

    @AttributeDefinition(name = "SMTP password", type = AttributeType.PASSWORD)
    String smtp_password() default "";

    @AttributeDefinition(name = "Connection security", options = {
        @Option(value = "none", label = "None (plain SMTP; only on a trusted network)"),
        @Option(value = "starttls", label = "STARTTLS (required)"),
        @Option(value = "ssl", label = "SSL/TLS from the start (SMTPS, usually port 465)")
    })
    String smtp_security() default "starttls";

    @AttributeDefinition(name = "From address", description = "Empty: the firm's email (firm.email in "
            + "etc/atrium.firm.cfg), else atrium@localhost")
    String from() default "";

    @AttributeDefinition(name = "From name", description = "Empty: the firm's name (firm.name in etc/atrium.firm.cfg)")
    String from_name() default "";

    @AttributeDefinition(name = "Connect timeout (ms)", min = "100")
    int connect_timeout() default 10_000;

    @AttributeDefinition(name = "Read timeout (ms)", description = "Per SMTP command", min = "100")
    int read_timeout() default 30_000;

    @AttributeDefinition(name = "Attempts", description = "Tries per message before it is marked FAILED", min = "1")
    int retry_max_attempts() default 10;

    @AttributeDefinition(name = "First retry after (s)", description = "Doubles after each failed attempt", min = "1")
    int retry_first_delay() default 30;

    @AttributeDefinition(name = "Longest retry interval (s)", min = "1")
    int retry_max_delay() default 3_600;

    @AttributeDefinition(name = "Keep sent messages (days)", description = "Sent messages older than this are "
            + "removed from the queue", min = "0")
    int sent_keep_days() default 30;
}
