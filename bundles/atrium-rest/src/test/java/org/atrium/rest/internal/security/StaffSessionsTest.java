package org.atrium.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StaffSessionsTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final MemoryStaffSessionStore store = new MemoryStaffSessionStore();
    private final StaffSessions sessions = new StaffSessions(store, clock);

    @Test
    void aSessionIsFoundByItsCookieOnlyAndKeepsItsToken() {
        StaffSessions.Opened opened = open("jane");
        StaffSession found = sessions.find(opened.cookieValue()).orElseThrow();
        assertEquals("jane", found.user());
        assertEquals(opened.session().csrfToken(), found.csrfToken());
        assertNotEquals(opened.cookieValue(), found.key(), "the server keeps a hash, not the cookie's value");
        assertTrue(sessions.find(opened.cookieValue() + "x").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
    }

    @Test
    void activityKeepsASessionAliveAndIdlenessEndsIt() {
        configure(30);
        StaffSessions.Opened opened = open("jane");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(opened.cookieValue()).isPresent(), "used within the idle time");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(opened.cookieValue()).isPresent(), "29 minutes after the last use");
        clock.advance(Duration.ofMinutes(30));
        assertTrue(sessions.find(opened.cookieValue()).isEmpty(), "30 idle minutes end it");
    }

    @Test
    void aShorterTimeoutAppliesToOpenSessionsAtOnce() {
        StaffSessions.Opened opened = open("jane");
        configure(0.1);
        assertEquals(Duration.ofSeconds(6), sessions.idleTimeout());
        clock.advance(Duration.ofSeconds(7));
        assertTrue(sessions.find(opened.cookieValue()).isEmpty());
    }

    @Test
    void signingOutEndsTheSessionAndEachSignInGetsNewSecrets() {
        StaffSessions.Opened first = open("jane");
        StaffSessions.Opened second = open("jane");
        assertNotEquals(first.cookieValue(), second.cookieValue());
        assertNotEquals(first.session().csrfToken(), second.session().csrfToken());
        sessions.close(first.session());
        assertTrue(sessions.find(first.cookieValue()).isEmpty());
        assertTrue(sessions.find(second.cookieValue()).isPresent(), "another browser's session stays");
    }

    @Test
    void aUserSeesOnlyTheirLiveSessionsAndEndsOneOfThem() {
        StaffSessions.Opened first = sessions.open("jane", Set.of(AtriumRoles.STAFF), null, "Firefox");
        clock.advance(Duration.ofMinutes(1));
        StaffSessions.Opened second = sessions.open("jane", Set.of(AtriumRoles.STAFF), null, "Chromium");
        open("joe");
        assertEquals(java.util.List.of("Chromium", "Firefox"),
                sessions.of("jane").stream().map(StaffSessions.ActiveSession::browser).toList(), "latest used first");
        assertTrue(!sessions.close("joe", first.session().key()), "not another user's");
        assertTrue(sessions.close("jane", first.session().key()));
        assertTrue(sessions.find(first.cookieValue()).isEmpty());
        assertTrue(sessions.find(second.cookieValue()).isPresent());
    }

    @Test
    void aRequestIsWrittenDownAtMostOnceAMinuteAndTheSessionStillEndsOnTime() {
        configure(30);
        StaffSessions.Opened opened = open("jane");
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertTrue(sessions.find(opened.cookieValue()).isPresent());
        }
        assertEquals(0, store.touches, "50 requests within the first minute write nothing");
        clock.advance(Duration.ofSeconds(10));
        sessions.find(opened.cookieValue());
        assertEquals(1, store.touches);
        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertTrue(sessions.find(opened.cookieValue()).isPresent(), "idle time counts from the last request written");
    }

    @Test
    void sessionsOutliveTheServiceThatOpenedThemAndAnyNodeEndsThem() {
        StaffSessions.Opened opened = open("jane");
        StaffSessions afterAnUpdate = new StaffSessions(store, clock);
        StaffSession found = afterAnUpdate.find(opened.cookieValue()).orElseThrow();
        assertEquals(opened.session().csrfToken(), found.csrfToken());
        afterAnUpdate.close(found);
        assertTrue(sessions.find(opened.cookieValue()).isEmpty(), "signed out on the other");
    }

    @Test
    void idleSessionsAreDeletedWhenAnotherIsOpened() {
        open("jane");
        clock.advance(Duration.ofMinutes(31));
        open("joe");
        assertEquals(0, store.of("jane").size());
        assertEquals(1, store.of("joe").size());
    }

    private StaffSessions.Opened open(String user) {
        return sessions.open(user, Set.of(AtriumRoles.STAFF), null, null);
    }

    private void configure(double minutes) {
        sessions.configure(new StaffSessions.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StaffSessions.Config.class;
            }

            @Override
            public double idle_timeout_minutes() {
                return minutes;
            }
        });
    }
}
