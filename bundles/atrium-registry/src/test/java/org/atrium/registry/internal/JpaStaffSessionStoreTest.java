package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.atrium.api.security.StoredStaffSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions as two nodes on one database see them: each store reads the table, nothing from memory. */
class JpaStaffSessionStoreTest {

    private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");

    private TestDatabase database;
    private JpaStaffSessionStore one;
    private JpaStaffSessionStore other;

    @BeforeEach
    void start() {
        database = new TestDatabase();
        RegisterCore core = database.core(TestDatabase.CLOCK);
        one = new JpaStaffSessionStore(core);
        other = new JpaStaffSessionStore(core);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    private static StoredStaffSession session(String key, String user, Instant lastSeen) {
        return new StoredStaffSession(key, user, Set.of("atrium-staff", "atrium-admin"), "csrf-" + key, AT, lastSeen,
                "SET_UP_MFA", "Mozilla/5.0 " + "x".repeat(300));
    }

    @Test
    void aSessionAddedOnOneNodeIsFoundWhole() {
        one.add(session("k1", "jane", AT));
        StoredStaffSession found = other.find("k1").orElseThrow();
        assertEquals("jane", found.user());
        assertEquals(Set.of("atrium-staff", "atrium-admin"), found.roles());
        assertEquals("csrf-k1", found.csrfToken());
        assertEquals(AT, found.signedInAt());
        assertEquals("SET_UP_MFA", found.pendingStep());
        assertEquals(StoredStaffSession.MAX_BROWSER, found.browser().length());
        assertTrue(other.find("k2").isEmpty());
        assertTrue(other.find(null).isEmpty());
    }

    @Test
    void activityAndTheNextStepAreSeenEverywhereAndTimeNeverGoesBack() {
        one.add(session("k1", "jane", AT));
        other.touch("k1", AT.plusSeconds(90));
        one.touch("k1", AT.plusSeconds(30));
        assertEquals(AT.plusSeconds(90), one.find("k1").orElseThrow().lastSeenAt());
        other.pendingStep("k1", null);
        assertNull(one.find("k1").orElseThrow().pendingStep());
        other.touch("gone", AT);
        other.pendingStep("gone", null);
        assertTrue(one.find("gone").isEmpty());
    }

    @Test
    void aSignOutOnOneNodeEndsTheSessionOnTheOther() {
        one.add(session("k1", "jane", AT));
        assertTrue(one.find("k1").isPresent(), "read once, as a request would");
        assertTrue(other.remove("k1"));
        assertTrue(one.find("k1").isEmpty());
        assertFalse(other.remove("k1"));
    }

    @Test
    void aUsersSessionsListLatestFirstAndEndTogetherButTheOneKept() {
        one.add(session("a", "jane", AT.plusSeconds(10)));
        one.add(session("b", "jane", AT.plusSeconds(30)));
        one.add(session("c", "jane", AT.plusSeconds(20)));
        one.add(session("d", "john", AT));
        assertEquals(List.of("b", "c", "a"), other.of("jane").stream().map(StoredStaffSession::key).toList());
        assertEquals(2, other.removeOf("jane", "c"));
        assertEquals(List.of("c"), one.of("jane").stream().map(StoredStaffSession::key).toList());
        assertEquals(1, other.removeOf("jane", null));
        assertEquals(List.of("d"), one.of("john").stream().map(StoredStaffSession::key).toList());
    }

    @Test
    void idleSessionsAreEndedAndLiveOnesKept() {
        one.add(session("old", "jane", AT));
        one.add(session("new", "jane", AT.plus(Duration.ofMinutes(20))));
        assertEquals(1, other.removeIdle(AT.plus(Duration.ofMinutes(10))));
        assertTrue(one.find("old").isEmpty());
        assertTrue(one.find("new").isPresent());
    }
}
