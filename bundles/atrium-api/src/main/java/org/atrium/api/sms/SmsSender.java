package org.atrium.api.sms;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends text messages through the gateway chosen in {@code etc/atrium.sms.cfg}. Present while the
 * {@code atrium-sms-otp} feature runs; callers treat its absence as "no SMS" and use email instead.
 */
@ProviderType
public interface SmsSender {

    /** @throws SmsDeliveryException if the chosen gateway is missing or did not accept the message */
    void send(SmsMessage message);

    /** The name of the gateway messages go through. */
    String gateway();
}
