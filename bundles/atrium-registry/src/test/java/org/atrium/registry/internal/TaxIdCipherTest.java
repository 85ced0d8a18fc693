package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.atrium.api.keys.SecretKeys;
import org.junit.jupiter.api.Test;

public class TaxIdCipherTest {

    static byte[] key(int fill) {
        byte[] key = new byte[TaxIdCipher.KEY_BYTES];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    final TaxIdCipher cipher = new TaxIdCipher(key(7));

    @Test
    void encryptsSoThatTheNumberCannotBeSeenAndDecryptsItBack() {
        String stored = cipher.encrypt("123456789");
        assertFalse(stored.contains("123456789"));
        assertFalse(new String(Base64.getDecoder().decode(stored), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("123456789"));
        assertEquals("123456789", cipher.decrypt(stored));
    }

    @Test
    void equalNumbersLookDifferentWhenStored() {
        assertNotEquals(cipher.encrypt("123456789"), cipher.encrypt("123456789"));
    }

    @Test
    void theSearchHashIsStableAndKeyed() {
        assertEquals(cipher.searchHash("123456789"), cipher.searchHash("123456789"));
        assertNotEquals(cipher.searchHash("123456789"), cipher.searchHash("123456780"));
        assertNotEquals(cipher.searchHash("123456789"), new TaxIdCipher(key(8)).searchHash("123456789"));
    }

    @Test
    void anotherKeyOrAnAlteredValueIsRefused() {
        String stored = cipher.encrypt("123456789");
        assertThrows(IllegalStateException.class, () -> new TaxIdCipher(key(8)).decrypt(stored));
        byte[] bytes = Base64.getDecoder().decode(stored);
        bytes[bytes.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(Base64.getEncoder().encodeToString(bytes)));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("123456789"));
    }

    @Test
    void reusedCiphersStayCorrectAcrossThreadsAndAfterARefusal() throws Exception {
        String altered = alter(cipher.encrypt("123456789"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(altered));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String number = String.format("%09d", thread * 100_000 + i);
                        if (!number.equals(cipher.decrypt(cipher.encrypt(number)))
                                || !cipher.searchHash(number).equals(new TaxIdCipher(key(7)).searchHash(number))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            threads.shutdown();
        }
    }

    private static String alter(String stored) {
        byte[] bytes = Base64.getDecoder().decode(stored);
        bytes[bytes.length - 1] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void noneStaysNone() {
        assertNull(cipher.encrypt(null));
        assertNull(cipher.decrypt(null));
        assertNull(cipher.searchHash(null));
    }

    @Test
    void underTheMasterKeyServiceTheKeysAreThoseDerivedFromTheSameKeyBefore() {
        SecretKeys keys = new SecretKeys() {
            @Override
            public SecretKey derive(String purpose, String algorithm) {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key(7), "HmacSHA256"));
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
        TaxIdCipher underMasterKey = TaxIdCipher.of(keys);
        assertEquals("123456789", underMasterKey.decrypt(cipher.encrypt("123456789")));
        assertEquals(cipher.searchHash("123456789"), underMasterKey.searchHash("123456789"));
    }

    @Test
    void aTaxIdKeyOfEarlierVersionsIsStillUsedAndABadOneIsExplained() {
        String configured = Base64.getEncoder().encodeToString(key(3));
        String stored = new TaxIdCipher(key(3)).encrypt("987654321");
        assertEquals("987654321", EarlierTaxIdKey.cipher(configured).orElseThrow().decrypt(stored));
        assertTrue(EarlierTaxIdKey.cipher("").isEmpty());
        assertTrue(EarlierTaxIdKey.cipher(null).isEmpty());
        IllegalStateException tooShort = assertThrows(IllegalStateException.class,
                () -> EarlierTaxIdKey.cipher(Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(tooShort.getMessage().contains("32"));
        assertThrows(IllegalStateException.class, () -> EarlierTaxIdKey.cipher("not base64!"));
    }
}
