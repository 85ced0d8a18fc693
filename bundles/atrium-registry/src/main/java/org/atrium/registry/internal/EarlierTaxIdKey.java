package org.atrium.registry.internal;

import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code taxId.key} in etc/atrium.registry.cfg, the tax ID key of versions before the master key: still used
 * when set, so that an upgrade reads what it encrypted, with a hint to move it to etc/atrium.keys.cfg.
 */
final class EarlierTaxIdKey {

    private static final Logger LOG = LoggerFactory.getLogger(EarlierTaxIdKey.class);

    private EarlierTaxIdKey() {
    }

    static Optional<TaxIdCipher> cipher(String configured) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("taxId.key in etc/atrium.registry.cfg is not Base64");
        }
        if (key.length != TaxIdCipher.KEY_BYTES) {
            throw new IllegalStateException("taxId.key in etc/atrium.registry.cfg must be " + TaxIdCipher.KEY_BYTES
                    + " random bytes in Base64");
        }
        LOG.warn("Tax IDs use taxId.key of etc/atrium.registry.cfg, kept from an earlier version: write the same "
                + "value as master.key into etc/atrium.keys.cfg and remove taxId.key, so that every key derives "
                + "from it");
        return Optional.of(new TaxIdCipher(key));
    }
}
