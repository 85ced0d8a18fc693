package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238, appendix B: the SHA-1 key "12345678901234567890", 8 digits. */
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theRfc6238TestVectors() {
        assertEquals("94287082", Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(59)), 8));
        assertEquals("07081804", Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1111111109)), 8));
        assertEquals("14050471", Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1111111111)), 8));
        assertEquals("89005924", Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1234567890)), 8));
        assertEquals("69279037", Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(2000000000)), 8));
        assertEquals("65353130", Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(20000000000L)), 8));
    }

    @Test
    void sixDigitsAreTheLastSixOfTheTruncation() {
        assertEquals("287082", Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(59)), 6));
    }

    @Test
    void aCodeOfTheStepBeforeOrAfterIsAcceptedOnceAndNothingFurther() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        String previous = Totp.code(RFC_KEY, step - 1, 6);
        assertEquals(step - 1, Totp.match(RFC_KEY, previous, now, 0));
        assertEquals(-1, Totp.match(RFC_KEY, previous, now, step - 1), "replayed");
        assertEquals(step + 1, Totp.match(RFC_KEY, Totp.code(RFC_KEY, step + 1, 6), now, step));
        assertEquals(-1, Totp.match(RFC_KEY, Totp.code(RFC_KEY, step - 2, 6), now, 0), "a minute old");
        assertEquals(-1, Totp.match(RFC_KEY, Totp.code(RFC_KEY, step + 2, 6), now, 0), "a minute ahead");
        assertEquals(-1, Totp.match(RFC_KEY, "12345", now, 0));
        assertEquals(-1, Totp.match(RFC_KEY, null, now, 0));
    }
}
