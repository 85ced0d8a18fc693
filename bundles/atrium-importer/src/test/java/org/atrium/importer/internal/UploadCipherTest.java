package org.atrium.importer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadCipherTest {

    @TempDir
    Path folder;

    @Test
    void anUploadReadsBackAsWrittenAndIsNotStoredInClearText() throws Exception {
        UploadCipher cipher = UploadCipher.load(folder.resolve("upload.key"));
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

    @Test
    void theKeyIsMadeOnceAndOnlyItsOwnerMayReadIt() throws Exception {
        Path key = folder.resolve("atrium/upload.key");
        UploadCipher first = UploadCipher.load(key);
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (OutputStream out = first.encrypt(stored)) {
            out.write("kept".getBytes(StandardCharsets.UTF_8));
        }

        UploadCipher again = UploadCipher.load(key);

        try (InputStream in = again.decrypt(new ByteArrayInputStream(stored.toByteArray()))) {
            assertEquals("kept", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }
}
