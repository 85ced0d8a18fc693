package org.atrium.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.atrium.api.audit.AuditQuery;
import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    void staffReachOnlyTheirOffices() {
        Actor staff = Actor.staff("carol", Set.of(2, 3));
        assertTrue(staff.mayAccess(2));
        assertFalse(staff.mayAccess(1));
        assertFalse(Actor.staff("dave", Set.of()).mayAccess(1), "no grant, no office");
    }

    @Test
    void administratorsReachEveryOffice() {
        assertTrue(Actor.administrator("admin").mayAccess(42));
        assertTrue(Actor.SYSTEM.mayAccess(1));
    }

    @Test
    void theGrantedOfficesCannotBeChangedAfterwards() {
        Set<Integer> offices = new HashSet<>(Set.of(2));
        Actor staff = Actor.staff("carol", offices);
        offices.add(1);
        assertFalse(staff.mayAccess(1));
    }

    @Test
    void auditBoundsAcceptDatesAndInstants() {
        assertEquals("2026-11-22T00:00:00Z", AuditQuery.bound("2026-11-22", false).toString());
        assertEquals("2026-11-23T00:00:00Z", AuditQuery.bound("2026-11-22", true).toString(), "a day up to includes it");
        assertEquals("2026-11-22T08:30:00Z", AuditQuery.bound("2026-11-22T08:30:00Z", true).toString());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> AuditQuery.bound("yesterday", false));
        assertTrue(wrong.getMessage().contains("yesterday"));
    }
}
