package org.atrium.registry.internal.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.atrium.registry.internal.clients.SortKeys.Key;

/**
 * Every few hundredth key of each sort index, kept in memory, so that Derby's indexes can be walked backwards:
 * Derby reads an index forwards only (asked for the last keys in descending order, it sorts every key: 2.6 s
 * at a million clients), but the keys between two fences are one ascending index range, read and turned round
 * here. Fences are only where ranges begin and end: however stale they get, the ranges still hold every key
 * once. A range that has grown much larger than the spacing (many clients added there since) gets fences of
 * its own, read from that range alone.
 */
final class SortFences {

    /** Keys read per statement while reading fences: 1,000,000 keys are 100 index ranges. */
    private static final int READ = 10_000;

    private final int spacing;
    private final ConcurrentMap<String, List<Key>> bySortColumn = new ConcurrentHashMap<>();

    SortFences(int spacing) {
        this.spacing = spacing;
    }

    int spacing() {
        return spacing;
    }

    /** The fences of the order, ascending: every {@link #spacing}th key from the first; read once, then kept. */
    List<Key> of(SortKeys keys) {
        return bySortColumn.computeIfAbsent(keys.column(), column -> everySpacingKeys(keys, null, null, true));
    }

    /** Whether the order's fences have been read. */
    boolean hasRead(SortKeys keys) {
        return bySortColumn.containsKey(keys.column());
    }

    /**
     * Adds fences between two adjacent ones ({@code from} null: the start; {@code to} null: the end): every
     * {@link #spacing}th key of that range after its first. Fences are never taken away, so {@code to} stays
     * one; another walk that fenced the same range first is kept.
     *
     * @return the order's fences now
     */
    List<Key> refence(SortKeys keys, Key from, Key to) {
        List<Key> added = everySpacingKeys(keys, from, to, false);
        return bySortColumn.compute(keys.column(), (column, current) -> {
            List<Key> fences = current == null ? List.of() : current;
            int end = to == null ? fences.size() : fences.indexOf(to);
            boolean adjacent = end >= 0 && (from == null ? end == 0 : end > 0 && fences.get(end - 1).equals(from));
            if (!adjacent) {
                return fences;
            }
            List<Key> spliced = new ArrayList<>(fences.size() + added.size());
            spliced.addAll(fences.subList(0, end));
            spliced.addAll(added);
            spliced.addAll(fences.subList(end, fences.size()));
            return List.copyOf(spliced);
        });
    }

    /** Every spacing-th key from {@code from} to {@code to}, from the range's first key or after it. */
    private List<Key> everySpacingKeys(SortKeys keys, Key from, Key to, boolean fromTheFirst) {
        List<Key> fences = new ArrayList<>();
        long position = 0;
        Key last = null;
        while (true) {
            // from the last key read on: one index range per chunk
            List<Key> chunk = last == null ? keys.between(from, to, READ) : keys.after(last, to, READ);
            for (Key key : chunk) {
                if (position % spacing == 0 && (fromTheFirst || position > 0)) {
                    fences.add(key);
                }
                position++;
            }
            if (chunk.size() < READ) {
                return List.copyOf(fences);
            }
            last = chunk.get(chunk.size() - 1);
        }
    }
}
