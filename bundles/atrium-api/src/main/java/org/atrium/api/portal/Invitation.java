package org.atrium.api.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the register keeps of an onboarding email: the hashes of the single-use registration tokens sent to
 * the taxpayer and (married filing jointly) the spouse, and when they expire. The tokens themselves exist
 * only in the emails.
 *
 * @param spouseTokenHash {@code null} without a spouse
 */
public record Invitation(String taxpayerTokenHash, String spouseTokenHash, Instant expiresAt) {

    /** The hash the register keeps of a token: SHA-256, hex. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Invitation[expiresAt=" + expiresAt + "]";
    }
}
