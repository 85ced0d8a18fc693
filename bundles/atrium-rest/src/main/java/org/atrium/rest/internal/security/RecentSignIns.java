package org.atrium.rest.internal.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passwords checked right in the last {@link #FOR} seconds, so that a script signing every request with HTTP
 * Basic does not pay a bcrypt check (about 60 ms of CPU) each time. Kept in memory only, as an HMAC under a key
 * made at start-up, never the password; a password change forgets the user at once, and an entry is checked
 * again against the realm after {@link #FOR} (so a change made at the console applies within that time).
 */
final class RecentSignIns {

    static final Duration FOR = Duration.ofSeconds(30);
    private static final int MAX_USERS = 1_000;

    private record Entry(byte[] mac, Set<String> roles, Instant until) {
    }

    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = BoundedMaps.leastRecentlyUsed(MAX_USERS);

    RecentSignIns(Clock clock) {
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The realm roles of a user whose password was checked right recently with this password. */
    synchronized Optional<Set<String>> roles(String user, char[] password) {
        Entry entry = entries.get(user);
        if (entry == null || !clock.instant().isBefore(entry.until())) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(entry.mac(), mac(user, password)) ? Optional.of(entry.roles()) : Optional.empty();
    }

    synchronized void remember(String user, char[] password, Set<String> roles) {
        entries.put(user, new Entry(mac(user, password), Set.copyOf(roles), clock.instant().plus(FOR)));
    }

    synchronized void forget(String user) {
        entries.remove(user);
    }

    private byte[] mac(String user, char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(user.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            hmac.update(bytes);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        } finally {
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }
}
