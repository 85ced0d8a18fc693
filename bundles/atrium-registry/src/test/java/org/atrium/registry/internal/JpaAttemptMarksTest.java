package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.atrium.api.security.AttemptMarks.Key;
import org.atrium.api.security.AttemptMarks.Tally;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Marks as two nodes on one database count them: each has its own store, nothing is held in memory. */
class JpaAttemptMarksTest {

    private static final Instant AT = Instant.parse("2026-12-08T09:00:00Z");
    private static final Key JANE = new Key("name-failure", "jane");
    private static final Key ADDRESS = new Key("address-failure", "203.0.113.7");

    private TestDatabase database;
    private JpaAttemptMarks one;
    private JpaAttemptMarks other;

    @BeforeEach
    void start() {
        database = new TestDatabase();
        RegisterCore core = database.core(TestDatabase.CLOCK);
        one = new JpaAttemptMarks(core);
        other = new JpaAttemptMarks(core);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void marksMadeOnEitherNodeCountTogether() {
        one.add(JANE, AT);
        other.add(JANE, AT.plusSeconds(10));
        one.add(JANE, AT.plusSeconds(20));
        other.add(ADDRESS, AT.plusSeconds(5));

        Map<Key, Tally> tallies = other.tally(Set.of(JANE, ADDRESS, new Key("name-failure", "john")),
                AT.plusSeconds(10));

        assertEquals(Map.of(JANE, new Tally(2, AT.plusSeconds(10), AT.plusSeconds(20))), tallies,
                "marks before the start are left out, and keys without marks");
        assertEquals(new Tally(3, AT, AT.plusSeconds(20)), one.tally(Set.of(JANE), AT).get(JANE));
    }

    @Test
    void subjectsWithEnoughMarksAreCounted() {
        for (int i = 0; i < 3; i++) {
            one.add(JANE, AT.plusSeconds(i));
        }
        other.add(new Key("name-failure", "john"), AT);
        other.add(new Key("address-failure", "jane"), AT);

        assertEquals(1, one.subjects("name-failure", 3, AT));
        assertEquals(2, one.subjects("name-failure", 1, AT));
        assertEquals(0, one.subjects("name-failure", 3, AT.plusSeconds(1)));
    }

    @Test
    void forgottenMarksAreGoneForEveryNode() {
        one.add(JANE, AT);
        one.add(JANE, AT.plusSeconds(60));
        one.add(ADDRESS, AT);

        assertEquals(1, other.removeBefore("name-failure", AT.plusSeconds(30)));
        assertEquals(1, one.tally(Set.of(JANE), Instant.EPOCH).get(JANE).count());
        other.remove(Set.of(JANE));
        assertEquals(Map.of(ADDRESS, new Tally(1, AT, AT)), one.tally(Set.of(JANE, ADDRESS), Instant.EPOCH));
    }

    @Test
    void aLongSubjectIsCountedByItsStartAndAnOverlongKindRefused() {
        Key longName = new Key("name-failure", "x".repeat(1_000));
        one.add(longName, AT);
        other.add(longName, AT);
        assertEquals(2, one.tally(Set.of(longName), AT).get(longName).count());
        assertThrows(IllegalArgumentException.class, () -> one.add(new Key("k".repeat(40), "jane"), AT));
    }
}
