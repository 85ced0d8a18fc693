package org.atrium.rest.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed sign-ins in a row, a user name is
 * locked for {@link #LOCK_TIME}, whatever password is sent. A success resets the count. Bounded in memory:
 * the oldest names are forgotten first.
 */
final class SignInThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK_TIME = Duration.ofMinutes(5);
    private static final int MAX_TRACKED_NAMES = 10_000;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED_NAMES;
        }
    };

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    synchronized boolean isLocked(String user) {
        Failures f = failures.get(user);
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    /** @return true if this failure locked the name */
    synchronized boolean failed(String user) {
        Failures previous = failures.get(user);
        int count = previous == null || previous.lockedUntil() != null ? 1 : previous.count() + 1;
        boolean lock = count >= MAX_FAILURES;
        failures.put(user, new Failures(count, lock ? clock.instant().plus(LOCK_TIME) : null));
        return lock;
    }

    synchronized void succeeded(String user) {
        failures.remove(user);
    }
}
