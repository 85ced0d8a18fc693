package org.atrium.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.atrium.api.security.AttemptMarks.Key;
import org.atrium.api.security.AttemptMarks.Tally;
import org.junit.jupiter.api.Test;

class LocalAttemptMarksTest {

    private static final Instant AT = Instant.parse("2026-12-08T09:00:00Z");

    @Test
    void pastItsBoundTheOldestMarksGo() {
        LocalAttemptMarks marks = new LocalAttemptMarks();
        Key old = new Key("k", "old");
        marks.add(old, AT);
        for (int i = 0; i < LocalAttemptMarks.MAX_MARKS; i++) {
            marks.add(new Key("k", "new"), AT.plusSeconds(1));
        }
        assertEquals(Map.of(), marks.tally(Set.of(old), Instant.EPOCH));
        assertEquals(new Tally(LocalAttemptMarks.MAX_MARKS, AT.plusSeconds(1), AT.plusSeconds(1)),
                marks.tally(Set.of(new Key("k", "new")), Instant.EPOCH).get(new Key("k", "new")));
    }
}
