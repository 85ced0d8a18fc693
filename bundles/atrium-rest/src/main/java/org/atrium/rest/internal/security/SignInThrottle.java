package org.atrium.rest.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.atrium.api.security.AttemptMarks;
import org.atrium.api.security.AttemptMarks.Key;
import org.atrium.api.security.AttemptMarks.Tally;

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
 * A success forgets the pair's failures and remembers the address. Everything is counted in the database
 * ({@link AttemptMarks}), nothing in memory, so a guesser whose tries reach several nodes counts as one, and a
 * restart or an update of this bundle forgets nothing.
 */
final class SignInThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(5);
    static final Duration LONGEST_LOCK = Duration.ofHours(1);
    static final int MAX_ADDRESS_FAILURES = 50;
    static final Duration ADDRESS_LOCK = Duration.ofMinutes(15);
    static final int ATTACK_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Failures in a row and lock-outs of a pair are forgotten after a day without one. */
    static final Duration PAIR_MEMORY = Duration.ofDays(1);
    /** An address a user signed in from counts as theirs this long. */
    static final Duration KNOWN_ADDRESS_MEMORY = Duration.ofDays(90);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);

    // the kinds of marks; a pair's subject is the name, a line break, the address
    static final String NAME_FAILURE = "sign-in-name-failure";
    static final String ADDRESS_FAILURE = "sign-in-address-failure";
    static final String PAIR_FAILURE = "sign-in-pair-failure";
    /** Marked at the end of the lock-out. */
    static final String PAIR_LOCK = "sign-in-pair-lock";
    /** Marked at the end of the lock-out. */
    static final String ADDRESS_LOCK_END = "sign-in-address-lock";
    static final String KNOWN_ADDRESS = "sign-in-known-address";

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

    private final Supplier<AttemptMarks> marks;
    private final Clock clock;
    private volatile Instant nextSweep = Instant.MIN;

    /**
     * @param marks the shared marks; throws (503, try again) while the register that keeps them is away
     */
    SignInThrottle(Supplier<AttemptMarks> marks, Clock clock) {
        this.marks = marks;
        this.clock = clock;
    }

    /** How long this name may not be tried from this address; zero if it may. */
    Duration lockedFor(String user, String address) {
        Instant now = clock.instant();
        Key pairLock = new Key(PAIR_LOCK, pair(user, address));
        Key addressLock = new Key(ADDRESS_LOCK_END, address);
        Key nameFailures = new Key(NAME_FAILURE, user);
        AttemptMarks shared = marks.get();
        // one reading: a lock-out ends after now, an attack's failures are within the window
        Map<Key, Tally> tallies = shared.tally(Set.of(pairLock, addressLock, nameFailures), now.minus(WINDOW));
        Instant until = null;
        for (Key lock : Set.of(pairLock, addressLock)) {
            Instant end = tallies.getOrDefault(lock, Tally.NONE).latest();
            if (end != null && now.isBefore(end)) {
                until = later(until, end);
            }
        }
        Tally attack = tallies.getOrDefault(nameFailures, Tally.NONE);
        if (attack.count() >= ATTACK_FAILURES && !known(shared, user, address, now)) {
            until = later(until, attack.latest().plus(WINDOW));
        }
        return until == null || !now.isBefore(until) ? Duration.ZERO : Duration.between(now, until);
    }

    Verdict failed(String user, String address) {
        Instant now = clock.instant();
        AttemptMarks shared = marks.get();
        sweep(shared, now);
        Key name = new Key(NAME_FAILURE, user);
        Key fromAddress = new Key(ADDRESS_FAILURE, address);
        Key pair = new Key(PAIR_FAILURE, pair(user, address));
        Key pairLock = new Key(PAIR_LOCK, pair(user, address));
        shared.add(name, now);
        shared.add(fromAddress, now);
        shared.add(pair, now);
        Map<Key, Tally> recent = shared.tally(Set.of(name, fromAddress), now.minus(WINDOW));
        Map<Key, Tally> ever = shared.tally(Set.of(pair, pairLock), Instant.EPOCH);
        int addressFailures = recent.getOrDefault(fromAddress, Tally.NONE).count();
        int nameFailures = recent.getOrDefault(name, Tally.NONE).count(); // this one included

        Verdict verdict = addressFailures > MAX_FAILURES * 2 ? Verdict.COUNTED : Verdict.NOTED;
        if (ever.getOrDefault(pair, Tally.NONE).count() >= MAX_FAILURES) {
            int lockOuts = ever.getOrDefault(pairLock, Tally.NONE).count() + 1;
            Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(lockOuts - 1, 10));
            shared.add(pairLock, now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock));
            shared.remove(Set.of(pair)); // the next failure after a lock-out is the first of a new row
            verdict = verdict == Verdict.COUNTED ? verdict : Verdict.LOCKED_PAIR;
        }
        if (addressFailures == MAX_ADDRESS_FAILURES) {
            shared.add(new Key(ADDRESS_LOCK_END, address), now.plus(ADDRESS_LOCK));
            verdict = Verdict.LOCKED_ADDRESS;
        } else if (nameFailures == ATTACK_FAILURES) { // this failure put the name under attack
            verdict = Verdict.NAME_UNDER_ATTACK;
        }
        return verdict;
    }

    void succeeded(String user, String address) {
        AttemptMarks shared = marks.get();
        String pair = pair(user, address);
        // the lock-outs grow for a guesser, not for the user who got in
        shared.remove(Set.of(new Key(PAIR_FAILURE, pair), new Key(PAIR_LOCK, pair), new Key(KNOWN_ADDRESS, pair)));
        shared.add(new Key(KNOWN_ADDRESS, pair), clock.instant());
    }

    /** How many names are under attack now: for the health report. */
    int namesUnderAttack() {
        return marks.get().subjects(NAME_FAILURE, ATTACK_FAILURES, clock.instant().minus(WINDOW));
    }

    /** How many addresses are locked now: for the health report. */
    int lockedAddresses() {
        return marks.get().subjects(ADDRESS_LOCK_END, 1, clock.instant());
    }

    private static boolean known(AttemptMarks shared, String user, String address, Instant now) {
        Key known = new Key(KNOWN_ADDRESS, pair(user, address));
        return shared.tally(Set.of(known), now.minus(KNOWN_ADDRESS_MEMORY)).containsKey(known);
    }

    /** Forgets what no longer counts, at most every ten minutes per node, so the table stays small. */
    private void sweep(AttemptMarks shared, Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_EVERY);
        shared.removeBefore(NAME_FAILURE, now.minus(WINDOW));
        shared.removeBefore(ADDRESS_FAILURE, now.minus(WINDOW));
        shared.removeBefore(ADDRESS_LOCK_END, now.minus(WINDOW));
        shared.removeBefore(PAIR_FAILURE, now.minus(PAIR_MEMORY));
        shared.removeBefore(PAIR_LOCK, now.minus(PAIR_MEMORY));
        shared.removeBefore(KNOWN_ADDRESS, now.minus(KNOWN_ADDRESS_MEMORY));
    }

    private static String pair(String user, String address) {
        return user + "\n" + address;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
