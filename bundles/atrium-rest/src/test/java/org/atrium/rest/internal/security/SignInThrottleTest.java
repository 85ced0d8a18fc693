package org.atrium.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final StaffSessionsTest.MovingClock clock = new StaffSessionsTest.MovingClock();
    /** The marks the register keeps in the database; here in memory, as one node has them while it is away. */
    private final LocalAttemptMarks shared = new LocalAttemptMarks();
    private final SignInThrottle throttle = new SignInThrottle(() -> shared, clock);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    private boolean locked(String user, String address) {
        return !throttle.lockedFor(user, address).isZero();
    }

    @Test
    void aGuesserLocksTheNameOnlyForTheirOwnAddress() {
        fail("admin", "203.0.113.9", SignInThrottle.MAX_FAILURES - 1);
        assertFalse(locked("admin", "203.0.113.9"));
        assertEquals(SignInThrottle.Verdict.LOCKED_PAIR, throttle.failed("admin", "203.0.113.9"));
        assertTrue(locked("admin", "203.0.113.9"));
        assertFalse(locked("admin", "192.0.2.10"), "the administrator at the office still gets in");
    }

    @Test
    void aGuesserWhoseTriesReachTwoNodesIsLockedOutOnBoth() {
        SignInThrottle otherNode = new SignInThrottle(() -> shared, clock);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            (i % 2 == 0 ? throttle : otherNode).failed("admin", "203.0.113.9");
        }
        assertEquals(SignInThrottle.FIRST_LOCK, throttle.lockedFor("admin", "203.0.113.9"));
        assertEquals(SignInThrottle.FIRST_LOCK, otherNode.lockedFor("admin", "203.0.113.9"));
        otherNode.succeeded("admin", "192.0.2.10");
        assertFalse(locked("admin", "192.0.2.10"));
    }

    @Test
    void oldFailuresAreSweptFromTheSharedMarks() {
        fail("jane", "192.0.2.10", SignInThrottle.MAX_FAILURES - 1);
        clock.advance(SignInThrottle.PAIR_MEMORY.plus(Duration.ofMinutes(1)));
        throttle.failed("john", "198.51.100.1"); // a later failure sweeps
        fail("jane", "192.0.2.10", SignInThrottle.MAX_FAILURES - 1);
        assertFalse(locked("jane", "192.0.2.10"), "a day-old row of failures no longer counts");
        assertEquals(2, shared.subjects(SignInThrottle.NAME_FAILURE, 1, java.time.Instant.EPOCH),
                "only jane's and john's recent failures are left");
    }

    @Test
    void eachNewLockOutLastsTwiceAsLongUpToAnHour() {
        fail("admin", "203.0.113.9", SignInThrottle.MAX_FAILURES);
        assertEquals(SignInThrottle.FIRST_LOCK, throttle.lockedFor("admin", "203.0.113.9"));
        clock.advance(SignInThrottle.FIRST_LOCK);
        fail("admin", "203.0.113.9", SignInThrottle.MAX_FAILURES);
        assertEquals(SignInThrottle.FIRST_LOCK.multipliedBy(2), throttle.lockedFor("admin", "203.0.113.9"));
        for (int i = 0; i < 6; i++) {
            clock.advance(SignInThrottle.LONGEST_LOCK);
            fail("admin", "203.0.113.9", SignInThrottle.MAX_FAILURES);
        }
        assertEquals(SignInThrottle.LONGEST_LOCK, throttle.lockedFor("admin", "203.0.113.9"));
    }

    @Test
    void aSuccessForgetsTheFailuresOfItsAddress() {
        fail("jane", "192.0.2.10", SignInThrottle.MAX_FAILURES - 1);
        throttle.succeeded("jane", "192.0.2.10");
        fail("jane", "192.0.2.10", SignInThrottle.MAX_FAILURES - 1);
        assertFalse(locked("jane", "192.0.2.10"));
    }

    @Test
    void anAddressTryingManyNamesIsLockedForAllAndStopsFillingTheLog() {
        int noted = 0;
        for (int i = 0; i < SignInThrottle.MAX_ADDRESS_FAILURES - 1; i++) {
            if (throttle.failed("random" + i, "203.0.113.9") == SignInThrottle.Verdict.NOTED) {
                noted++;
            }
        }
        assertEquals(2 * SignInThrottle.MAX_FAILURES, noted, "only the first failures of a noisy address are logged");
        assertFalse(locked("someone", "203.0.113.9"));
        assertEquals(SignInThrottle.Verdict.LOCKED_ADDRESS, throttle.failed("random-last", "203.0.113.9"));
        assertTrue(locked("someone", "203.0.113.9"));
        assertEquals(1, throttle.lockedAddresses());
        clock.advance(SignInThrottle.ADDRESS_LOCK);
        assertFalse(locked("someone", "203.0.113.9"));
    }

    @Test
    void aNameAttackedFromManyAddressesStaysOpenToTheAddressesItSignedInFrom() {
        throttle.succeeded("admin", "192.0.2.10");
        SignInThrottle.Verdict last = null;
        for (int i = 0; i < SignInThrottle.ATTACK_FAILURES; i++) {
            last = throttle.failed("admin", "198.51.100." + i);
        }
        assertEquals(SignInThrottle.Verdict.NAME_UNDER_ATTACK, last);
        throttle.failed("jane", "198.51.100.1");
        assertEquals(1, throttle.namesUnderAttack(), "counted while other names are tracked too");
        assertTrue(locked("admin", "198.51.100.200"), "a new address may not try the name meanwhile");
        assertFalse(locked("admin", "192.0.2.10"), "the administrator's usual address may");
        assertFalse(locked("jane", "198.51.100.200"), "other names are not affected");
        clock.advance(SignInThrottle.WINDOW.plus(Duration.ofSeconds(1)));
        assertFalse(locked("admin", "198.51.100.200"));
        assertEquals(0, throttle.namesUnderAttack());
    }
}
