package org.atrium.registry.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them and authenticator apps make them: HMAC-SHA1 over
 * the number of 30-second steps since 1970, truncated (RFC 4226) to 6 digits. The JDK does the cryptography;
 * this is the arithmetic around it, checked against the RFC's test vectors.
 */
final class Totp {

    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;

    private Totp() {
    }

    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of one time step, {@code digits} long with leading zeros. */
    static String code(byte[] secret, long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /**
     * The time step whose code this is, among the step of {@code now} and the ones just before and after (a
     * clock 30 seconds off still works), if it is one later than {@code lastUsedStep}: each code works once.
     *
     * @return the step, or -1 if the code is wrong or used already
     */
    static long match(byte[] secret, String code, Instant now, long lastUsedStep) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return -1;
        }
        long current = step(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (step > lastUsedStep && java.security.MessageDigest.isEqual(code(secret, step, DIGITS).getBytes(),
                    code.getBytes())) {
                return step;
            }
        }
        return -1;
    }
}
