package org.atrium.registry.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key for tax IDs: from configuration when an operator supplies one, else a file generated on
 * first start that only the owner of the process may read. Losing it makes every stored SSN/EIN
 * unreadable: back it up together with the database, but never in the same place as the backups.
 */
public final class TaxIdKeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(TaxIdKeyFile.class);

    private TaxIdKeyFile() {
    }

    static byte[] load(String configuredKey, Path keyFile) throws IOException {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return decode(configuredKey.strip(), "configuration (atrium.registry taxId.key)");
        }
        if (!Files.exists(keyFile)) {
            generate(keyFile);
        }
        return decode(Files.readString(keyFile).strip(), keyFile.toString());
    }

    private static void generate(Path keyFile) throws IOException {
        byte[] key = new byte[TaxIdCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(keyFile.getParent());
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(keyFile);
            keyFile.toFile().setReadable(false, false);
            keyFile.toFile().setReadable(true, true);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + System.lineSeparator());
        LOG.info("Generated a new key for tax IDs at {}; back it up, without it stored SSNs/EINs cannot be read",
                keyFile);
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The tax ID key in " + source + " is not Base64", e);
        }
        if (key.length != TaxIdCipher.KEY_BYTES) {
            throw new IllegalStateException("The tax ID key in " + source + " must be " + TaxIdCipher.KEY_BYTES
                    + " random bytes in Base64 (e.g. openssl rand -base64 32)");
        }
        return key;
    }
}
