package org.atrium.registry.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.atrium.api.keys.SecretKeys;

/**
 * Protects SSNs and EINs at rest (FTC Safeguards Rule, IRS Publication 4557): each value is stored
 * encrypted with AES-256-GCM under a fresh random nonce, so equal numbers never look alike and tampering
 * is detected; next to it a keyed hash (HMAC-SHA-256) lets an exact search find the row without
 * decrypting anything. Both keys are derived from the installation's master key ({@link SecretKeys}).
 */
public final class TaxIdCipher {

    static final int KEY_BYTES = 32;
    private static final byte FORMAT_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    /** Instances kept for reuse: enough for the threads that work with tax IDs at the same time. */
    private static final int KEPT = 16;

    private final SecretKey encryptionKey;
    private final SecretKey searchKey;
    private final SecureRandom random = new SecureRandom();
    // Cipher.getInstance costs more than the decryption itself (5 µs against 0.5 µs a tax ID: 0.7 s of an
    // export of 100,000 clients), and neither a Cipher nor a Mac may be shared between threads: reuse them.
    private final Queue<Cipher> idleCiphers = new ConcurrentLinkedQueue<>();
    private final Queue<Mac> idleMacs = new ConcurrentLinkedQueue<>();

    /** The purposes of the two keys, as {@link SecretKeys} derives them from the master key. */
    static final String ENCRYPTION_PURPOSE = "atrium tax ID encryption";
    static final String SEARCH_PURPOSE = "atrium tax ID search";

    /** Under the installation's master key. */
    public static TaxIdCipher of(SecretKeys keys) {
        return new TaxIdCipher(keys.derive(ENCRYPTION_PURPOSE, "AES"), keys.derive(SEARCH_PURPOSE, HMAC));
    }

    /** Under a master key of its own: {@code taxId.key} of earlier versions, and tests. */
    public TaxIdCipher(byte[] masterKey) {
        this(new SecretKeySpec(derive(masterKey, ENCRYPTION_PURPOSE), "AES"),
                new SecretKeySpec(derive(masterKey, SEARCH_PURPOSE), HMAC));
    }

    private TaxIdCipher(SecretKey encryptionKey, SecretKey searchKey) {
        this.encryptionKey = encryptionKey;
        this.searchKey = searchKey;
    }

    /** Base64 of version, nonce and ciphertext with tag; {@code null} stays {@code null}. */
    String encrypt(String taxId) {
        if (taxId == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = borrowCipher();
            // a fresh nonce for every value: GCM must never see a key and nonce twice
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(taxId.getBytes(StandardCharsets.US_ASCII));
            giveBack(idleCiphers, cipher);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(FORMAT_VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a tax ID", e);
        }
    }

    /** @throws IllegalStateException if the value was not encrypted with this key or was altered */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored);
            if (bytes.length <= 1 + NONCE_BYTES || bytes[0] != FORMAT_VERSION) {
                throw new IllegalStateException("not an encrypted tax ID");
            }
            Cipher cipher = borrowCipher();
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey,
                    new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            byte[] plain = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            giveBack(idleCiphers, cipher);
            return new String(plain, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored tax ID cannot be decrypted with the configured key", e);
        }
    }

    /** The same for the same number under the same key, and nothing else: what exact search compares. */
    public String searchHash(String taxId) {
        if (taxId == null) {
            return null;
        }
        try {
            Mac mac = idleMacs.poll();
            if (mac == null) {
                mac = Mac.getInstance(HMAC);
                mac.init(searchKey);
            }
            // doFinal leaves the Mac ready for the next value under the same key
            String hash = Base64.getEncoder().encodeToString(mac.doFinal(taxId.getBytes(StandardCharsets.US_ASCII)));
            giveBack(idleMacs, mac);
            return hash;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a tax ID", e);
        }
    }

    private Cipher borrowCipher() throws GeneralSecurityException {
        Cipher cipher = idleCiphers.poll();
        return cipher != null ? cipher : Cipher.getInstance(AES_GCM);
    }

    /** A Cipher or Mac that failed is not given back: it is left to the garbage collector. */
    private static <T> void giveBack(Queue<T> idle, T instance) {
        if (idle.size() < KEPT) {
            idle.offer(instance);
        }
    }

    private static byte[] derive(byte[] masterKey, String purpose) {
        if (masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the tax ID key must be " + KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(masterKey, HMAC));
            byte[] key = mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(key, KEY_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the tax ID keys", e);
        }
    }
}
