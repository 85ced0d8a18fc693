package org.atrium.keys.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.atrium.api.keys.SecretKeys;

/** The master key and where it came from; derives the keys of {@link SecretKeys}. */
final class MasterKey implements SecretKeys {

    private static final String HMAC = "HmacSHA256";
    private static final String FINGERPRINT_PURPOSE = "atrium master key fingerprint";
    private static final int FINGERPRINT_BYTES = 8;

    private final SecretKeySpec key;
    private final String source;

    MasterKey(byte[] bytes, String source) {
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("a master key is " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, HMAC);
        this.source = source;
    }

    /** Where the key was read from, for the health check and the log: never the key itself. */
    String source() {
        return source;
    }

    @Override
    public SecretKey derive(String purpose, String algorithm) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a derived key needs a purpose");
        }
        return new SecretKeySpec(Arrays.copyOf(hmac(purpose), KEY_BYTES), algorithm);
    }

    @Override
    public String fingerprint() {
        return HexFormat.of().formatHex(Arrays.copyOf(hmac(FINGERPRINT_PURPOSE), FINGERPRINT_BYTES));
    }

    /** Whether both hold the same key, compared in constant time. */
    boolean sameKey(MasterKey other) {
        return other != null && MessageDigest.isEqual(key.getEncoded(), other.key.getEncoded());
    }

    private byte[] hmac(String purpose) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "master key from " + source;
    }
}
