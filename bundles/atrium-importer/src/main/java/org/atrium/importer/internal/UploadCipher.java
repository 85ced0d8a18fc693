package org.atrium.importer.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Uploads are kept encrypted while their job waits and runs, as they hold SSNs: AES-256 in counter mode
 * (it streams both ways; GCM would hold a whole file in memory to decrypt it), a fresh IV at the start of
 * each file, the key in a file of its own that only the process owner may read. Losing the key loses only
 * the uploads of unfinished jobs.
 */
final class UploadCipher {

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 16;
    private static final int BUFFER = 64 * 1024;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    private UploadCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key in {@code keyFile}, generated on first use. */
    static UploadCipher load(Path keyFile) throws IOException {
        if (!Files.exists(keyFile)) {
            generate(keyFile);
        }
        byte[] key = Files.readAllBytes(keyFile);
        if (key.length != KEY_BYTES) {
            throw new IOException("The import upload key " + keyFile + " is not " + KEY_BYTES + " bytes; delete it "
                    + "to make a new one (queued uploads are then lost)");
        }
        return new UploadCipher(key);
    }

    private static void generate(Path keyFile) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(keyFile.getParent());
        try {
            if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(keyFile);
            }
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.write(keyFile, key);
    }

    OutputStream encrypt(OutputStream out) throws IOException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        out.write(iv);
        return new BufferedOutputStream(new CipherOutputStream(out, cipher(Cipher.ENCRYPT_MODE, iv)), BUFFER);
    }

    InputStream decrypt(InputStream in) throws IOException {
        byte[] iv = in.readNBytes(IV_BYTES);
        if (iv.length != IV_BYTES) {
            throw new IOException("the stored upload is truncated");
        }
        return new BufferedInputStream(new CipherInputStream(new BufferedInputStream(in, BUFFER),
                cipher(Cipher.DECRYPT_MODE, iv)), BUFFER);
    }

    private Cipher cipher(int mode, byte[] iv) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, key, new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES/CTR is not available", e);
        }
    }
}
