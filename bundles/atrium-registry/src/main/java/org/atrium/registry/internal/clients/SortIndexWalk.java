package org.atrium.registry.internal.clients;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;

import org.atrium.api.client.SortField;
import org.atrium.registry.internal.clients.RowCheck.Reading;

/**
 * The first matches of a condition in a sort order, read by walking the order's index (Derby). Derby plans as if
 * every row were wanted, whatever FETCH FIRST says: asked for the first page of clients with a common word, or
 * of a staff member's offices, by name, it finds every match and sorts them all (a second at a million clients).
 * Walked instead: the next keys in the order, read from the sort index alone, then which of them match, in
 * windows of a few hundred keys, until enough are found. Matches that are many fill a page in a window or two;
 * matches that are few, or that sit late in the order, would have the walk fetch much of the table at random,
 * so it gives up after a number of keys and the caller reads every match once instead.
 * <p>
 * Sorts walked: those with an index that ends in the client ID key (client ID, name, email, office location), in
 * either direction. Derby reads its indexes forwards only; a descending order is read a range between two of
 * the index's {@link SortFences} at a time, each range turned round.
 * <p>
 * Keys are read, and windows checked, as they are being written ({@link Reading#AS_WRITTEN}); only the matches
 * are read again committed. Read committed, a walk that reached the new rows of a chunk an import was writing
 * waited for that chunk, then for the next, as long as it kept up with the import.
 */
final class SortIndexWalk {

    /**
     * How far a walk goes: keys read and checked per statement (the check pads its IN list to this length, one
     * statement text), and keys walked before giving up.
     */
    record Limits(int window, int maxWalked) {
    }

    /**
     * Windows of 500 keys, at most 10,000 keys: 80 to 180 ms on Derby at a million clients (keys read from the
     * index, then each matched against its row, about 10 microseconds a key), where reading every row once
     * takes 0.7 to 2.7 s.
     */
    static final Limits LIMITS = new Limits(500, 10_000);

    /**
     * @param matches the keys of the matching clients in the sort order, at most the number wanted
     * @param complete whether the walk reached the end of the order (the matches are then all there are)
     */
    record Walked(List<Long> matches, boolean complete) {
    }

    private SortIndexWalk() {
    }

    /** Whether {@code sort} has an index to walk. */
    static boolean walks(SortField sort) {
        return SortKeys.indexed(sort);
    }

    /**
     * The first {@code wanted} clients, in the order of {@code sort} (ties by client ID key, ascending), that
     * match every condition (none: every client); empty if more than {@code limits.maxWalked()} keys would have
     * to be read to tell. A descending order is walked through the index's {@code fences}.
     */
    static Optional<Walked> walk(EntityManager em, List<SqlCondition> conditions, SortField sort,
            boolean descending, int wanted, Limits limits, SortFences fences) {
        SortKeys index = SortKeys.of(em, sort)
                .orElseThrow(() -> new IllegalArgumentException("no index to walk for " + sort));
        KeyOrder order = descending ? new Descending(index, fences) : new Ascending(index);
        Set<Long> matches = new LinkedHashSet<>();
        int walked = 0;
        while (matches.size() < wanted) {
            if (walked >= limits.maxWalked()) {
                return Optional.empty();
            }
            List<String> window = order.next(limits.window());
            walked += window.size();
            if (!window.isEmpty()) {
                matches.addAll(matchesInOrder(em, conditions, window, limits.window()));
            }
            if (window.size() < limits.window()) {
                return Optional.of(new Walked(List.copyOf(matches), true));
            }
        }
        return Optional.of(new Walked(List.copyOf(matches).subList(0, wanted), false));
    }

    /**
     * The keys of the window's clients that match, in the window's order. The window's rows are checked as they
     * are being written, without waiting (its last keys may be the new rows of a chunk an import is writing), then
     * those that match are checked again committed, waiting only for these.
     */
    private static List<Long> matchesInOrder(EntityManager em, List<SqlCondition> conditions, List<String> window,
            int length) {
        Map<String, Long> asWritten = check(em, conditions, window, length, Reading.AS_WRITTEN);
        Map<String, Long> matching = asWritten.isEmpty() ? asWritten
                : check(em, conditions, List.copyOf(asWritten.keySet()), length, Reading.COMMITTED);
        List<Long> keys = new ArrayList<>();
        for (String clientIdKey : window) {
            Long key = matching.get(clientIdKey);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The primary keys of the clients with these client ID keys that match, by client ID key. */
    private static Map<String, Long> check(EntityManager em, List<SqlCondition> conditions, List<String> clientIdKeys,
            int length, Reading reading) {
        List<String> padded = new ArrayList<>(clientIdKeys);
        while (padded.size() < length) {
            padded.add(clientIdKeys.get(0)); // the same length each time: the same statement
        }
        Map<String, Long> matching = new HashMap<>();
        RowCheck.matching(em, "CLIENT_ID_KEY, PK", conditions, RowCheck.Key.CLIENT_ID_KEY, padded, reading)
                .forEach(row -> matching.put((String) row[0], ((Number) row[1]).longValue()));
        return matching;
    }

    /** Client ID keys in a sort order, a window at a time; fewer than asked only at the end. */
    private interface KeyOrder {
        List<String> next(int size);
    }

    private static final class Ascending implements KeyOrder {

        private final SortKeys index;
        private SortKeys.Key last;

        Ascending(SortKeys index) {
            this.index = index;
        }

        @Override
        public List<String> next(int size) {
            List<SortKeys.Key> keys = last == null ? index.first(size) : index.after(last, null, size);
            if (!keys.isEmpty()) {
                last = keys.get(keys.size() - 1);
            }
            return keys.stream().map(SortKeys.Key::clientIdKey).toList();
        }
    }

    /** The ranges between fences from the last, each read ascending and turned round. */
    private static final class Descending implements KeyOrder {

        private final SortKeys index;
        private final SortFences fences;
        private List<SortKeys.Key> fenceKeys;
        /** The next range to read: range i runs from fence i - 1 (or the start) to fence i (or the end). */
        private int range;
        /** Whether the next range has just had fences added: it is read whole, whatever its size. */
        private boolean refenced;
        private final Deque<String> turned = new ArrayDeque<>();

        Descending(SortKeys index, SortFences fences) {
            this.index = index;
            this.fences = fences;
            this.fenceKeys = fences.of(index);
            this.range = fenceKeys.size();
        }

        @Override
        public List<String> next(int size) {
            int most = 4 * fences.spacing();
            while (turned.size() < size && range >= 0) {
                SortKeys.Key from = range == 0 ? null : fenceKeys.get(range - 1);
                SortKeys.Key to = range == fenceKeys.size() ? null : fenceKeys.get(range);
                List<SortKeys.Key> keys = index.between(from, to, refenced ? Integer.MAX_VALUE : most + 1);
                if (keys.size() > most && !refenced) {
                    // many clients added here since the fences were read: fence this range, then read its last part
                    fenceKeys = fences.refence(index, from, to);
                    range = to == null ? fenceKeys.size() : fenceKeys.indexOf(to);
                    refenced = true;
                    continue;
                }
                refenced = false;
                // the range's keys, last first, go after what is still waiting
                for (int i = keys.size() - 1; i >= 0; i--) {
                    turned.addLast(keys.get(i).clientIdKey());
                }
                range--;
            }
            List<String> window = new ArrayList<>(Math.min(size, turned.size()));
            while (window.size() < size && !turned.isEmpty()) {
                window.add(turned.pollFirst());
            }
            return window;
        }
    }
}
