package org.atrium.sms.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/atrium.sms.cfg: which gateway sends text messages, and the Twilio account if that is the one. */
@ObjectClassDefinition(name = "Atrium SMS", description = "Text messages for access codes")
public @interface SmsConfig {

    @AttributeDefinition(description = "Gateway name: outbox (files in data/atrium/sms-outbox), twilio, or a "
            + "firm's own gateway's atrium.sms.gateway name")
    String gateway() default "outbox";

    @AttributeDefinition(description = "Twilio account SID (AC...)")
    String twilio_account_sid() default "";

    @AttributeDefinition(description = "Twilio auth token", type = AttributeType.PASSWORD)
    String twilio_auth_token() default "";

    @AttributeDefinition(description = "Sender: a Twilio phone number in E.164 form (+15551234567)")
    String twilio_from() default "";

    @AttributeDefinition(description = "Or a Twilio Messaging Service SID (MG...), used instead of 'from'")
    String twilio_messaging_service_sid() default "";

    @AttributeDefinition(description = "Twilio's API address; changed only to test against a local server")
    String twilio_api_url() default "https://api.twilio.com";

    @AttributeDefinition(description = "Seconds to wait for the provider before giving up")
    int timeout_seconds() default 10;
}
