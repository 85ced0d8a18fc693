package org.atrium.importer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.atrium.api.keys.SecretKeys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadCipherTest {

    @TempDir
    Path folder;

    @Test
    void anUploadReadsBackAsWrittenAndIsNotStoredInClearText() throws Exception {
        UploadCipher cipher = UploadCipher.withKey(new byte[32]);
        byte[] csv = "Individual,000123,José Núñez,jose@example.com,123456789\r\n".repeat(10_000)
                .getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (OutputStream out = cipher.encrypt(stored)) {
            out.write(csv);
        }
        byte[] readBack;
        try (InputStream in = cipher.decrypt(new ByteArrayInputStream(stored.toByteArray()))) {
            readBack = in.readAllBytes();
        }

        assertArrayEquals(csv, readBack);
        assertFalse(new String(stored.toByteArray(), StandardCharsets.ISO_8859_1).contains("123456789"));
    }

    /** The master key's derivation, as the keys bundle gives it: HMAC-SHA-256 of the purpose. */
    private static SecretKeys masterKey(int fill) {
        return new SecretKeys() {
            @Override
            public SecretKey derive(String purpose, String algorithm) {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    byte[] master = new byte[32];
                    Arrays.fill(master, (byte) fill);
                    mac.init(new SecretKeySpec(master, "HmacSHA256"));
                    return new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), algorithm);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String fingerprint() {
                return "test";
            }
        };
    }

    private static byte[] sealed(UploadCipher cipher, String text) throws Exception {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (OutputStream out = cipher.encrypt(stored)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return stored.toByteArray();
    }

    private static String opened(UploadCipher cipher, byte[] stored) throws Exception {
        try (InputStream in = cipher.decrypt(new ByteArrayInputStream(stored))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyNodeWithTheSameMasterKeyReadsAnUploadAnotherWrote() throws Exception {
        Path none = folder.resolve("import-upload.key");
        byte[] stored = sealed(UploadCipher.choose(masterKey(1), none, false), "kept");
        assertEquals("kept", opened(UploadCipher.choose(masterKey(1), none, false), stored));
        assertNotEquals("kept", opened(UploadCipher.choose(masterKey(2), none, false), stored));
    }

    @Test
    void theKeyFileOfEarlierVersionsServesWhileItsUploadsWaitAndIsThenDeleted() throws Exception {
        Path earlier = folder.resolve("import-upload.key");
        byte[] earlierKey = new byte[32];
        Arrays.fill(earlierKey, (byte) 9);
        Files.write(earlier, earlierKey);
        byte[] waiting = sealed(UploadCipher.withKey(earlierKey), "queued before the upgrade");

        assertEquals("queued before the upgrade", opened(UploadCipher.choose(masterKey(1), earlier, true), waiting));
        assertTrue(Files.exists(earlier), "kept while uploads wait");

        byte[] stored = sealed(UploadCipher.choose(masterKey(1), earlier, false), "after");
        assertFalse(Files.exists(earlier), "deleted once none waits");
        assertEquals("after", opened(UploadCipher.choose(masterKey(1), earlier, false), stored));
    }
}
