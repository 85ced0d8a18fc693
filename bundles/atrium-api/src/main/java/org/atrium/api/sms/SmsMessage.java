package org.atrium.api.sms;

import java.util.Objects;

/**
 * A text message to one mobile.
 *
 * @param countryCode the country calling code without "+", e.g. {@code 1}
 * @param number the national number, digits only
 */
public record SmsMessage(String countryCode, String number, String text) {

    public SmsMessage {
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(text, "text");
    }

    /** The number in E.164 form, e.g. {@code +15551234567}. */
    public String e164() {
        return "+" + countryCode + number;
    }

    /** Only the last two digits of the number and never the text (it may hold an access code). */
    @Override
    public String toString() {
        String tail = number.length() > 2 ? number.substring(number.length() - 2) : "";
        return "SmsMessage[to=+" + countryCode + " ***" + tail + "]";
    }
}
