package org.atrium.portal.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.atrium.api.security.AttemptMarks;
import org.atrium.api.security.AttemptMarks.Key;
import org.atrium.api.security.AttemptMarks.Tally;

/**
 * At most N requests per network address within a sliding window, counted in the database
 * ({@link AttemptMarks}) so that an address spreading its requests over several nodes is limited as one.
 */
final class AddressLimiter {

    static final String KIND = "portal-address-request";
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final AttemptMarks marks;
    private final Clock clock;
    private volatile Instant nextSweep = Instant.MIN;

    AddressLimiter(AttemptMarks marks, Clock clock) {
        this.marks = marks;
        this.clock = clock;
    }

    /** Counts a request; empty if allowed, else how long until the address may try again. */
    Optional<Duration> take(String address, int allowed, Duration length) {
        Instant now = clock.instant();
        if (!now.isBefore(nextSweep)) {
            nextSweep = now.plus(SWEEP_EVERY);
            marks.removeBefore(KIND, now.minus(length));
        }
        Key key = new Key(KIND, address);
        marks.add(key, now);
        Tally window = marks.tally(Set.of(key), now.minus(length)).getOrDefault(key, Tally.NONE);
        if (window.count() <= allowed) {
            return Optional.empty();
        }
        // the oldest request of the window leaves it first
        return Optional.of(Duration.between(now, window.earliest().plus(length)));
    }
}
