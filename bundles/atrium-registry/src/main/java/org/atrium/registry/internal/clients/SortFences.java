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
 * once. A range grown much larger than the spacing (many clients added since) has its order's fences read
 * again the next time.
 */
final class SortFences {

    /** Keys read per statement while reading the fences: 1,000,000 keys are 100 index ranges. */
    private static final int READ = 10_000;

    private final int spacing;
    private final ConcurrentMap<String, List<Key>> byPath = new ConcurrentHashMap<>();

    SortFences(int spacing) {
        this.spacing = spacing;
    }

    int spacing() {
        return spacing;
    }

    /** The fences of the order, ascending: every {@link #spacing}th key from the first; read once, then kept. */
    List<Key> of(SortKeys keys) {
        return byPath.computeIfAbsent(keys.path(), path -> read(keys));
    }

    /** The order's fences have grown too far apart: read them again next time. */
    void forget(SortKeys keys) {
        byPath.remove(keys.path());
    }

    private List<Key> read(SortKeys keys) {
        List<Key> fences = new ArrayList<>();
        List<Key> chunk = keys.first(READ);
        long position = 0;
        while (!chunk.isEmpty()) {
            for (Key key : chunk) {
                if (position++ % spacing == 0) {
                    fences.add(key);
                }
            }
            if (chunk.size() < READ) {
                break;
            }
            chunk = keys.after(chunk.get(chunk.size() - 1), READ);
        }
        return List.copyOf(fences);
    }
}
