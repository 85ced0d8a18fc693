package org.atrium.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.atrium.api.client.Person;
import org.atrium.api.security.AttemptMarks;
import org.junit.jupiter.api.Test;

/** Access codes, their lock and the send limits, without a database. */
class SignInStateTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String ANN = "6f1c3c52-6c1e-4d0b-9a51-5b1f7c1c0001";
    private static final String LATER_CLIENT = "0b7d8f8e-2a4c-4c55-8f0e-91b6a3d40002";

    @Test
    void theFifthWrongCodeClosesTheCodeAndLocks() {
        AccessCodeEntity state = new AccessCodeEntity("ann@example.com", ANN, "0042", Person.TAXPAYER);
        state.open("hash", T0.plusSeconds(600), null, "0042", Person.TAXPAYER);
        for (int i = 1; i < 5; i++) {
            assertFalse(state.wrongTry(T0, 5, Duration.ofMinutes(30)), "try " + i);
            assertTrue(state.hasOpenCode(T0));
        }
        assertTrue(state.wrongTry(T0, 5, Duration.ofMinutes(30)));
        assertFalse(state.hasOpenCode(T0), "the code is dead");
        assertTrue(state.locked(T0.plusSeconds(29 * 60)));
        assertFalse(state.locked(T0.plusSeconds(30 * 60)), "the lock ends by itself");

        state.unlock();
        assertFalse(state.locked(T0));
        assertNull(state.lockedUntil());
    }

    @Test
    void aNewCodeStartsItsWrongTriesAfreshAndExpires() {
        AccessCodeEntity state = new AccessCodeEntity("ann@example.com", ANN, "0042", Person.TAXPAYER);
        state.open("one", T0.plusSeconds(600), null, "0042", Person.TAXPAYER);
        for (int i = 0; i < 4; i++) {
            state.wrongTry(T0, 5, Duration.ofMinutes(30));
        }
        state.open("two", T0.plusSeconds(600), null, "0042", Person.TAXPAYER);
        assertFalse(state.wrongTry(T0, 5, Duration.ofMinutes(30)), "four wrong tries of the old code do not count");
        assertTrue(state.hasOpenCode(T0.plusSeconds(599)));
        assertFalse(state.hasOpenCode(T0.plusSeconds(600)), "expired after 10 minutes");
    }

    @Test
    void anAddressThatPassesToAnotherClientStartsWithNothingOfTheEarlierOwner() {
        AccessCodeEntity state = new AccessCodeEntity("ann@example.com", ANN, "0042", Person.TAXPAYER);
        state.open("hash", T0.plusSeconds(600), null, "0042", Person.TAXPAYER);
        for (int i = 0; i < 5; i++) {
            state.wrongTry(T0, 5, Duration.ofMinutes(30));
        }
        state.takeSend(T0, WINDOW, 1);
        assertTrue(state.belongsTo(ANN, Person.TAXPAYER));
        assertFalse(state.belongsTo(ANN, Person.SPOUSE), "the same client's other person");
        assertFalse(state.belongsTo(LATER_CLIENT, Person.TAXPAYER), "a later client with the same address");
        assertFalse(state.belongsTo(null, Person.TAXPAYER));

        state.startOver(LATER_CLIENT, "0042", Person.TAXPAYER);
        assertTrue(state.belongsTo(LATER_CLIENT, Person.TAXPAYER));
        assertFalse(state.locked(T0), "the earlier owner's lock does not pass on");
        assertFalse(state.hasOpenCode(T0), "nor an open code");
        assertTrue(state.takeSend(T0, WINDOW, 1), "nor the sends counted");
    }

    @Test
    void sendsAreLimitedPerWindow() {
        AccessCodeEntity state = new AccessCodeEntity("ann@example.com", ANN, "0042", Person.TAXPAYER);
        assertTrue(state.takeSend(T0, WINDOW, 3));
        assertTrue(state.takeSend(T0.plusSeconds(60), WINDOW, 3));
        assertTrue(state.takeSend(T0.plusSeconds(120), WINDOW, 3));
        assertFalse(state.takeSend(T0.plusSeconds(180), WINDOW, 3));
        assertTrue(state.takeSend(T0.plus(WINDOW), WINDOW, 3), "a new window");
    }

    @Test
    void addressesAreLimitedPerWindowAndToldWhenToComeBack() {
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        ListedMarks marks = new ListedMarks();
        AddressLimiter oneNode = new AddressLimiter(marks, clock);
        AddressLimiter otherNode = new AddressLimiter(marks, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), (i % 2 == 0 ? oneNode : otherNode).take("10.0.0.1", 3, WINDOW));
            now[0] = now[0].plusSeconds(60);
        }
        assertEquals(Optional.of(WINDOW.minusSeconds(180)), otherNode.take("10.0.0.1", 3, WINDOW),
                "counted on both nodes; back when the first request leaves the window");
        assertEquals(Optional.empty(), oneNode.take("10.0.0.2", 3, WINDOW), "another address");
    }

    /** Marks as the register keeps them for every node, here in a list. */
    private static final class ListedMarks implements AttemptMarks {
        private final List<Map.Entry<Key, Instant>> marks = new ArrayList<>();

        @Override
        public void add(Key key, Instant at) {
            marks.add(Map.entry(key, at));
        }

        @Override
        public Map<Key, Tally> tally(Set<Key> keys, Instant since) {
            Map<Key, Tally> tallies = new HashMap<>();
            for (Key key : keys) {
                List<Instant> times = marks.stream().filter(mark -> mark.getKey().equals(key))
                        .map(Map.Entry::getValue).filter(at -> !at.isBefore(since)).sorted().toList();
                if (!times.isEmpty()) {
                    tallies.put(key, new Tally(times.size(), times.get(0), times.get(times.size() - 1)));
                }
            }
            return tallies;
        }

        @Override
        public void remove(Set<Key> keys) {
            marks.removeIf(mark -> keys.contains(mark.getKey()));
        }

        @Override
        public int subjects(String kind, int atLeast, Instant since) {
            throw new UnsupportedOperationException("not used by the portal");
        }

        @Override
        public int removeBefore(String kind, Instant before) {
            int was = marks.size();
            marks.removeIf(mark -> mark.getKey().kind().equals(kind) && mark.getValue().isBefore(before));
            return was - marks.size();
        }
    }

    @Test
    void codesAreSixRandomDigitsStoredAsKeyedHashes() {
        Secrets secrets = new Secrets(new byte[32]);
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = secrets.newCode();
            assertTrue(code.matches("\\d{6}"), code);
            codes.add(code);
        }
        assertTrue(codes.size() > 190, "random: " + codes.size() + " distinct of 200");
        String hash = secrets.codeHash("ann@example.com", "123456");
        assertFalse(hash.contains("123456"));
        assertEquals(hash, secrets.codeHash("ann@example.com", "123456"));
        assertNotEquals(hash, secrets.codeHash("bob@example.com", "123456"), "bound to the address");
        assertNotEquals(hash, new Secrets(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
            20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).codeHash("ann@example.com", "123456"),
                "and to the key");
        assertTrue(Secrets.sameHash(hash, secrets.codeHash("ann@example.com", "123456")));
        assertFalse(Secrets.sameHash(hash, null));
    }
}
