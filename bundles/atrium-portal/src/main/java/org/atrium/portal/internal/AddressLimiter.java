package org.atrium.portal.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N requests per network address in a fixed window, in memory (a restart forgets the counts, which
 * costs an attacker nothing they could not get by waiting a window).
 */
final class AddressLimiter {

    private record Window(Instant start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    AddressLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Counts a request; empty if allowed, else how long until the address may try again. */
    java.util.Optional<Duration> take(String address, int allowed, Duration length) {
        Instant now = clock.instant();
        if (windows.size() > 10_000) {
            windows.values().removeIf(window -> !now.isBefore(window.start().plus(length)));
        }
        Window window = windows.compute(address, (key, current) -> current == null
                || !now.isBefore(current.start().plus(length)) ? new Window(now, 1)
                        : new Window(current.start(), current.count() + 1));
        if (window.count() <= allowed) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.between(now, window.start().plus(length)));
    }
}
