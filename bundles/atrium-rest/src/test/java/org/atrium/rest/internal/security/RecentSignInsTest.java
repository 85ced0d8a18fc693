package org.atrium.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecentSignInsTest {

    private final StaffSessionsTest.MovingClock clock = new StaffSessionsTest.MovingClock();
    private final RecentSignIns recent = new RecentSignIns(clock);

    @Test
    void onlyTheSamePasswordOfTheSameUserPassesAndOnlyForAWhile() {
        recent.remember("jane", "maple syrup on tuesdays".toCharArray(), Set.of("atrium-staff"));
        assertEquals(Optional.of(Set.of("atrium-staff")), recent.roles("jane", "maple syrup on tuesdays".toCharArray()));
        assertTrue(recent.roles("jane", "maple syrup on tuesday".toCharArray()).isEmpty());
        assertTrue(recent.roles("bob", "maple syrup on tuesdays".toCharArray()).isEmpty());
        clock.advance(RecentSignIns.FOR.minus(Duration.ofSeconds(1)));
        assertTrue(recent.roles("jane", "maple syrup on tuesdays".toCharArray()).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(recent.roles("jane", "maple syrup on tuesdays".toCharArray()).isEmpty(), "checked again after");
    }

    @Test
    void aPasswordChangeForgetsTheOldOneAtOnce() {
        recent.remember("jane", "maple syrup on tuesdays".toCharArray(), Set.of("atrium-staff"));
        recent.forget("jane");
        assertTrue(recent.roles("jane", "maple syrup on tuesdays".toCharArray()).isEmpty());
    }
}
