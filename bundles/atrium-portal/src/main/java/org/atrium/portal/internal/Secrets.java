package org.atrium.portal.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.atrium.api.keys.SecretKeys;

/**
 * Random tokens and codes, and what is stored of them. A session token has 256 random bits: its SHA-256 is
 * enough. An access code has only 6 digits, so its stored form is an HMAC under a key derived from the master
 * key, which is not in the database: a copy of the database alone does not give the codes away.
 */
final class Secrets {

    static final String CODE_PURPOSE = "atrium portal access codes";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec codeKey;

    Secrets(byte[] codeKey) {
        this.codeKey = new SecretKeySpec(codeKey.clone(), "HmacSHA256");
    }

    /** Under the installation's master key: a code sent by one node is checked by any other. */
    static Secrets of(SecretKeys keys) {
        return new Secrets(keys.derive(CODE_PURPOSE, "HmacSHA256").getEncoded());
    }

    /** Six digits, leading zeros kept. */
    String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /** 256 random bits, URL-safe. */
    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String codeHash(String emailKey, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(codeKey);
            return HexFormat.of().formatHex(mac.doFinal((emailKey + "\n" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Compares in constant time, so that the time taken tells nothing about how close a guess was. */
    static boolean sameHash(String expected, String actual) {
        return expected != null && actual != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }

    static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
