package org.atrium.keys.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeySourcesTest {

    @TempDir
    Path data;

    private static KeysConfig config(String masterKey, String type) {
        return new KeysConfig() {
            @Override
            public String master_key() {
                return masterKey;
            }

            @Override
            public String type() {
                return type;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return KeysConfig.class;
            }
        };
    }

    private static String base64(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }

    private MasterKeySources sources() {
        return new MasterKeySources(data);
    }

    @Test
    void onDerbyAKeyFileIsMadeOnceReadableOnlyByItsOwnerAndKept() throws Exception {
        MasterKey first = sources().find(config("", "derby"), null, null);
        Path file = data.resolve("master.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("data/atrium/master.key", first.source());
        MasterKey again = sources().find(config("", "derby"), null, null);
        assertTrue(first.sameKey(again), "the same key on every start");
        assertFalse(Files.exists(data.resolve("master.key.new")));
    }

    @Test
    void theTaxIdKeyOfEarlierVersionsIsTheMasterKeySoStoredTaxIdsStayReadable() throws Exception {
        Files.writeString(data.resolve("tax-id.key"), base64(5) + "\n");
        MasterKey found = sources().find(config("", "derby"), null, null);
        assertEquals("data/atrium/tax-id.key", found.source());
        assertTrue(found.sameKey(new MasterKey(Base64.getDecoder().decode(base64(5)), "test")));
        assertFalse(Files.exists(data.resolve("master.key")), "no second key made beside it");
    }

    @Test
    void aConfiguredKeyComesFirstThenTheEnvironment() throws Exception {
        MasterKey configured = sources().find(config(base64(1), "postgresql"), null, base64(2));
        assertEquals("etc/atrium.keys.cfg", configured.source());
        assertTrue(configured.sameKey(new MasterKey(Base64.getDecoder().decode(base64(1)), "test")));
        MasterKey environment = sources().find(config(" ", "postgresql"), null, base64(2));
        assertEquals("the environment (ATRIUM_MASTER_KEY)", environment.source());
        assertTrue(environment.sameKey(new MasterKey(Base64.getDecoder().decode(base64(2)), "test")));
        assertFalse(Files.exists(data.resolve("master.key")), "no file when a key is given");
    }

    @Test
    void onADatabaseServerNoKeyIsMadeAndTheMessageSaysWhatToDo() {
        MasterKeySources.NoMasterKey refused = assertThrows(MasterKeySources.NoMasterKey.class,
                () -> sources().find(config("", "postgresql"), null, null));
        assertTrue(refused.getMessage().contains("etc/atrium.keys.cfg"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ATRIUM_MASTER_KEY"), refused.getMessage());
        assertTrue(refused.getMessage().contains("atrium:master-key --new"), refused.getMessage());
        assertFalse(Files.exists(data.resolve("master.key")));
    }

    @Test
    void aKeyOfTheWrongLengthOrNotBase64IsRefusedWithoutShowingIt() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        MasterKeySources.NoMasterKey tooShort = assertThrows(MasterKeySources.NoMasterKey.class,
                () -> sources().find(config(short16, "derby"), null, null));
        assertTrue(tooShort.getMessage().contains("16 bytes, not 32"), tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains(short16));
        MasterKeySources.NoMasterKey notBase64 = assertThrows(MasterKeySources.NoMasterKey.class,
                () -> sources().find(config("not base64!", "derby"), null, null));
        assertTrue(notBase64.getMessage().contains("not Base64"), notBase64.getMessage());
        assertFalse(notBase64.getMessage().contains("not base64!"));
    }

    @Test
    void aKeyInASettingsFileAnyoneMayReadIsRefusedUnlessItComesFromElsewhere(@TempDir Path etc) throws Exception {
        Path file = etc.resolve("atrium.keys.cfg");
        Files.writeString(file, "master.key = " + base64(1) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        MasterKeySources.NoMasterKey refused = assertThrows(MasterKeySources.NoMasterKey.class,
                () -> sources().find(config(base64(1), "derby"), file.toUri().toString(), null));
        assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals("etc/atrium.keys.cfg", sources().find(config(base64(1), "derby"), file.toUri().toString(), null)
                .source());

        Files.writeString(file, "master.key = $[env:ATRIUM_MASTER_KEY]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("etc/atrium.keys.cfg", sources().find(config(base64(1), "derby"), file.toUri().toString(), null)
                .source());
    }

    @Test
    void derivedKeysDependOnPurposeAndMasterKeyAndMatchTheRegistersEarlierDerivation() throws Exception {
        MasterKey one = new MasterKey(Base64.getDecoder().decode(base64(7)), "test");
        MasterKey same = new MasterKey(Base64.getDecoder().decode(base64(7)), "another node");
        MasterKey other = new MasterKey(Base64.getDecoder().decode(base64(8)), "test");
        assertArrayEquals(one.derive("a purpose", "AES").getEncoded(), same.derive("a purpose", "AES").getEncoded());
        assertEquals(32, one.derive("a purpose", "AES").getEncoded().length);
        assertEquals("AES", one.derive("a purpose", "AES").getAlgorithm());
        assertFalse(Arrays.equals(one.derive("a purpose", "AES").getEncoded(),
                one.derive("another purpose", "AES").getEncoded()));
        assertFalse(Arrays.equals(one.derive("a purpose", "AES").getEncoded(),
                other.derive("a purpose", "AES").getEncoded()));
        assertEquals(one.fingerprint(), same.fingerprint());
        assertNotEquals(one.fingerprint(), other.fingerprint());
        assertEquals(16, one.fingerprint().length());
        assertThrows(IllegalArgumentException.class, () -> one.derive(" ", "AES"));
        // HMAC-SHA-256 of the label under the master key, as TaxIdCipher derived its keys before there was a
        // master key: the register's data stays readable
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(base64(7)), "HmacSHA256"));
        assertArrayEquals(mac.doFinal("atrium tax ID encryption".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                one.derive("atrium tax ID encryption", "AES").getEncoded());
    }
}
