package org.atrium.api.sms;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of sending text messages: a provider's HTTP API, a file outbox, a firm's own service. Register an
 * implementation as a service with the property {@value #NAME}; {@code etc/atrium.sms.cfg} chooses the
 * gateway by that name ({@code gateway=...}).
 */
@ConsumerType
public interface SmsGateway {

    /** Service property: the gateway's name, e.g. {@code outbox} or {@code twilio}. */
    String NAME = "atrium.sms.gateway";

    /**
     * Sends the message, or fails saying why. Called on the thread of the request that asked for it, so it
     * should not take longer than a few seconds.
     *
     * @throws SmsDeliveryException if the message was not accepted; its message must not contain the text
     */
    void send(SmsMessage message);
}
