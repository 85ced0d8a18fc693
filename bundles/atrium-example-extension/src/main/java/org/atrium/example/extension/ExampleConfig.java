package org.atrium.example.extension;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/atrium.example.cfg (PID atrium.example); changes apply at once. */
@ObjectClassDefinition(name = "Atrium example extension")
public @interface ExampleConfig {

    @AttributeDefinition(name = "Client ID pattern", description = "A Java regular expression every client ID must "
            + "match, e.g. \\d{6}. Empty: no rule.")
    String clientId_pattern() default "";

    @AttributeDefinition(name = "Webhook address", description = "Each event of Atrium is POSTed here as JSON, e.g. "
            + "https://pms.example.com/atrium-events. Empty: no webhook.")
    String webhook_url() default "";

    @AttributeDefinition(name = "Webhook secret", type = AttributeType.PASSWORD, description = "The key of the "
            + "X-Atrium-Signature header: sha256=<hex HMAC-SHA256 of the body>")
    String webhook_secret() default "";

    @AttributeDefinition(name = "Longest wait between tries (seconds)", min = "1")
    int webhook_retry_max_seconds() default 60;
}
