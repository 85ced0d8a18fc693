package org.atrium.itests;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/** What a phone's authenticator app does with the secret a test read off the page: RFC 6238 codes. */
final class AuthenticatorApp {

    private final byte[] secret;

    AuthenticatorApp(String base32Secret) {
        secret = new Base32().decode(base32Secret);
    }

    /** The code of the current 30-second step, or of a step {@code stepsAhead} later. */
    String code(int stepsAhead) {
        long step = Instant.now().getEpochSecond() / 30 + stepsAhead;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
