package org.atrium.importer.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.atrium.api.keys.SecretKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads are kept encrypted while their job waits and runs, as they hold SSNs: AES-256 in counter mode
 * (it streams both ways; GCM would hold a whole file in memory to decrypt it), a fresh IV at the start of
 * each file, the key derived from the master key (so that any node can read an upload).
 */
final class UploadCipher {

    private static final Logger LOG = LoggerFactory.getLogger(UploadCipher.class);
    static final String PURPOSE = "atrium import uploads";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 16;
    private static final int BUFFER = 64 * 1024;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    private UploadCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * Under the key derived from the master key; under the key file of earlier versions while uploads made with
     * it still wait, after which the file is deleted (the next start uses the master key's).
     */
    static UploadCipher choose(SecretKeys keys, Path earlierKeyFile, boolean uploadsWaiting) throws IOException {
        if (Files.exists(earlierKeyFile)) {
            if (uploadsWaiting) {
                LOG.info("Uploads of unfinished imports use the key of {}, kept until they are done", earlierKeyFile);
                return earlier(earlierKeyFile);
            }
            Files.delete(earlierKeyFile);
            LOG.info("Deleted {}: uploads now use a key derived from the master key", earlierKeyFile);
        }
        return new UploadCipher(keys.derive(PURPOSE, "AES").getEncoded());
    }

    private static UploadCipher earlier(Path keyFile) throws IOException {
        byte[] key = Files.readAllBytes(keyFile);
        if (key.length != KEY_BYTES) {
            throw new IOException("The import upload key " + keyFile + " is not " + KEY_BYTES + " bytes; delete it "
                    + "(queued uploads are then lost)");
        }
        return new UploadCipher(key);
    }

    /** A cipher under a key of its own, for tests. */
    static UploadCipher withKey(byte[] key) {
        return new UploadCipher(key.clone());
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
