package org.atrium.api.keys;

import javax.crypto.SecretKey;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keys for the parts of Atrium (and firms' bundles) that encrypt, hash or sign, all derived from the one master
 * key of {@code etc/atrium.keys.cfg} or the environment. Every node with the same master key derives the same
 * key for the same purpose; a part never stores a key of its own. The service is absent while there is no master
 * key (a database server without one configured): parts that need keys wait for it.
 */
@ProviderType
public interface SecretKeys {

    /** The length of every derived key: 256 bits. */
    int KEY_BYTES = 32;

    /**
     * The key for one purpose: HMAC-SHA-256 of the purpose under the master key.
     *
     * @param purpose   a label naming who uses the key and for what, such as {@code "atrium portal access codes"}
     *                  (firms: start it with the firm's bundle name); one purpose, one key: never reuse a label for
     *                  something else
     * @param algorithm the algorithm the key is for, such as {@code "AES"} or {@code "HmacSHA256"}
     */
    SecretKey derive(String purpose, String algorithm);

    /**
     * A short public fingerprint of the master key (hex), the same on nodes that share it: compare nodes with it
     * without showing the key.
     */
    String fingerprint();
}
