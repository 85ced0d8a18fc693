package org.atrium.api.sms;

/** A text message was not sent; the message says why, without the text or the full number. */
public class SmsDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SmsDeliveryException(String message) {
        super(message);
    }

    public SmsDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
