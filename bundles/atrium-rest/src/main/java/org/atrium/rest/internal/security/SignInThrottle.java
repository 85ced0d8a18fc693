package org.atrium.rest.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Slows down password guessing without letting a guesser lock the real user out:
 * <ul>
 * <li>after {@value #MAX_FAILURES} failures in a row of one user name <em>from one address</em>, that pair is
 * locked, first for {@link #FIRST_LOCK}, then twice as long at each new lock-out up to {@link #LONGEST_LOCK};
 * the same name from another address is not;</li>
 * <li>an address that fails {@value #MAX_ADDRESS_FAILURES} times within {@link #WINDOW}, whatever the names,
 * is locked for {@link #ADDRESS_LOCK};</li>
 * <li>a name that fails {@value #ATTACK_FAILURES} times within {@link #WINDOW} from all addresses together is
 * under attack: until the window passes, only addresses it signed in from before may try it.</li>
 * </ul>
 * A success forgets the pair's failures and remembers the address. Bounded in memory: the oldest entries are
 * forgotten first.
 */
final class SignInThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(5);
    static final Duration LONGEST_LOCK = Duration.ofHours(1);
    static final int MAX_ADDRESS_FAILURES = 50;
    static final Duration ADDRESS_LOCK = Duration.ofMinutes(15);
    static final int ATTACK_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;
    private static final int KNOWN_ADDRESSES_PER_USER = 5;

    /** What a failure came to, for the log and the audit trail. */
    enum Verdict {
        /** Counted; worth a line in the log (the first failures of a pair, before its address is noisy). */
        NOTED,
        /** Counted only: the address has failed so often that each further failure would flood the log. */
        COUNTED,
        /** This failure locked the pair. */
        LOCKED_PAIR,
        /** This failure locked the address for every name. */
        LOCKED_ADDRESS,
        /** This failure put the name under attack. */
        NAME_UNDER_ATTACK
    }

    private record Pair(String user, String address) {
    }

    private record PairState(int failures, int lockOuts, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<Pair, PairState> pairs = BoundedMaps.leastRecentlyUsed(MAX_TRACKED);
    private final Map<String, Deque<Instant>> addressFailures = BoundedMaps.leastRecentlyUsed(MAX_TRACKED);
    private final Map<String, Instant> lockedAddresses = BoundedMaps.leastRecentlyUsed(MAX_TRACKED);
    private final Map<String, Deque<Instant>> nameFailures = BoundedMaps.leastRecentlyUsed(MAX_TRACKED);
    private final Map<String, Set<String>> knownAddresses = BoundedMaps.leastRecentlyUsed(MAX_TRACKED);

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this name may not be tried from this address; zero if it may. */
    synchronized Duration lockedFor(String user, String address) {
        Instant now = clock.instant();
        Instant until = null;
        PairState pair = pairs.get(new Pair(user, address));
        if (pair != null && pair.lockedUntil() != null && now.isBefore(pair.lockedUntil())) {
            until = pair.lockedUntil();
        }
        Instant addressUntil = lockedAddresses.get(address);
        if (addressUntil != null && now.isBefore(addressUntil)) {
            until = later(until, addressUntil);
        }
        if (underAttack(user, now) && !knownAddresses.getOrDefault(user, Set.of()).contains(address)) {
            until = later(until, nameFailures.get(user).peekLast().plus(WINDOW));
        }
        return until == null ? Duration.ZERO : Duration.between(now, until);
    }

    synchronized Verdict failed(String user, String address) {
        Instant now = clock.instant();
        boolean wasUnderAttack = underAttack(user, now);
        record(nameFailures, user, now);
        int fromAddress = record(addressFailures, address, now);

        Pair key = new Pair(user, address);
        PairState previous = pairs.getOrDefault(key, new PairState(0, 0, null));
        int failures = previous.lockedUntil() != null ? 1 : previous.failures() + 1;
        Verdict verdict = fromAddress > MAX_FAILURES * 2 ? Verdict.COUNTED : Verdict.NOTED;
        if (failures >= MAX_FAILURES) {
            int lockOuts = previous.lockOuts() + 1;
            Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(lockOuts - 1, 10));
            pairs.put(key, new PairState(failures, lockOuts, now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK
                    : lock)));
            verdict = verdict == Verdict.COUNTED ? verdict : Verdict.LOCKED_PAIR;
        } else {
            pairs.put(key, new PairState(failures, previous.lockOuts(), null));
        }
        if (fromAddress == MAX_ADDRESS_FAILURES) {
            lockedAddresses.put(address, now.plus(ADDRESS_LOCK));
            verdict = Verdict.LOCKED_ADDRESS;
        } else if (!wasUnderAttack && underAttack(user, now)) {
            verdict = Verdict.NAME_UNDER_ATTACK;
        }
        return verdict;
    }

    synchronized void succeeded(String user, String address) {
        // the lock-outs grow for a guesser, not for the user who got in
        pairs.remove(new Pair(user, address));
        Set<String> known = knownAddresses.computeIfAbsent(user, u -> new LinkedHashSet<>());
        known.remove(address);
        known.add(address);
        if (known.size() > KNOWN_ADDRESSES_PER_USER) {
            known.remove(known.iterator().next());
        }
    }

    /** How many names are under attack now: for the health report. */
    synchronized int namesUnderAttack() {
        Instant now = clock.instant();
        // not through underAttack(name): a lookup reorders the access-ordered map while it is walked
        return (int) nameFailures.values().stream().filter(times -> {
            forgetOld(times, now);
            return times.size() >= ATTACK_FAILURES;
        }).count();
    }

    /** How many addresses are locked now: for the health report. */
    synchronized int lockedAddresses() {
        Instant now = clock.instant();
        return (int) lockedAddresses.values().stream().filter(now::isBefore).count();
    }

    private boolean underAttack(String user, Instant now) {
        Deque<Instant> times = nameFailures.get(user);
        if (times == null) {
            return false;
        }
        forgetOld(times, now);
        return times.size() >= ATTACK_FAILURES;
    }

    /** @return the failures of {@code key} within the window, this one included */
    private static int record(Map<String, Deque<Instant>> failures, String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        forgetOld(times, now);
        times.addLast(now);
        if (times.size() > MAX_TRACKED) {
            times.removeFirst();
        }
        return times.size();
    }

    private static void forgetOld(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
