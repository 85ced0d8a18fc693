package org.atrium.portal.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Random tokens and codes, and what is stored of them. A session token has 256 random bits: its SHA-256 is
 * enough. An access code has only 6 digits, so its stored form is an HMAC under a key kept beside the
 * database (data/atrium/portal-code.key): a copy of the database alone does not give the codes away.
 */
final class Secrets {

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec codeKey;

    Secrets(byte[] codeKey) {
        this.codeKey = new SecretKeySpec(codeKey.clone(), "HmacSHA256");
    }

    /** The key file, made (owner-only) on first use. */
    static Secrets withKeyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, key);
            PortalFolders.ownerOnly(temporary);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.deleteIfExists(temporary);
            }
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length < 32) {
            throw new IOException(file + " is not an access-code key (32 bytes expected, " + key.length + " found)");
        }
        return new Secrets(key);
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
