package org.atrium.rest.internal.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.atrium.api.security.AttemptMarks;

/**
 * Attempt marks in this node's memory, for the moments the register (which keeps the shared ones) is away:
 * sign-ins go on and guessing is still slowed down, on this node alone. Bounded: past {@value #MAX_MARKS}
 * marks the oldest are dropped.
 */
final class LocalAttemptMarks implements AttemptMarks {

    static final int MAX_MARKS = 100_000;

    private final Map<Key, List<Instant>> marks = new HashMap<>();
    private int size;

    @Override
    public synchronized void add(Key key, Instant at) {
        if (size >= MAX_MARKS) {
            dropOldest();
        }
        marks.computeIfAbsent(key, k -> new ArrayList<>()).add(at);
        size++;
    }

    @Override
    public synchronized Map<Key, Tally> tally(Set<Key> keys, Instant since) {
        Map<Key, Tally> tallies = new HashMap<>();
        for (Key key : keys) {
            List<Instant> recent = marks.getOrDefault(key, List.of()).stream().filter(at -> !at.isBefore(since))
                    .toList();
            if (!recent.isEmpty()) {
                tallies.put(key, new Tally(recent.size(), recent.stream().min(Instant::compareTo).orElseThrow(),
                        recent.stream().max(Instant::compareTo).orElseThrow()));
            }
        }
        return tallies;
    }

    @Override
    public synchronized void remove(Set<Key> keys) {
        for (Key key : keys) {
            List<Instant> removed = marks.remove(key);
            size -= removed == null ? 0 : removed.size();
        }
    }

    @Override
    public synchronized int subjects(String kind, int atLeast, Instant since) {
        return (int) marks.entrySet().stream().filter(entry -> entry.getKey().kind().equals(kind))
                .filter(entry -> entry.getValue().stream().filter(at -> !at.isBefore(since)).count() >= atLeast)
                .count();
    }

    @Override
    public synchronized int removeBefore(String kind, Instant before) {
        int removed = 0;
        for (Map.Entry<Key, List<Instant>> entry : marks.entrySet()) {
            if (entry.getKey().kind().equals(kind)) {
                int was = entry.getValue().size();
                entry.getValue().removeIf(at -> at.isBefore(before));
                removed += was - entry.getValue().size();
            }
        }
        marks.values().removeIf(List::isEmpty);
        size -= removed;
        return removed;
    }

    private void dropOldest() {
        Instant oldest = marks.values().stream().flatMap(List::stream).min(Instant::compareTo).orElseThrow();
        for (List<Instant> times : marks.values()) {
            if (times.remove(oldest)) {
                size--;
                break;
            }
        }
        marks.values().removeIf(List::isEmpty);
    }
}
