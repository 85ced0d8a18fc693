package org.atrium.registry.internal.imports;

import java.nio.charset.StandardCharsets;

/**
 * The keys (client IDs, email addresses) seen so far in an import and the row each was first seen on, in
 * 12 bytes a key: a million-row file needs megabytes, not the hundreds a {@code HashMap<String, Long>}
 * would. Keys are kept as 64-bit hashes (open addressing, linear probing); two different keys share a hash
 * with odds of about one in 10^7 for a file of a million rows, and that would be reported as a duplicate,
 * never let through.
 */
public final class KeyIndex {

    private static final long EMPTY = 0;

    private long[] hashes = new long[1 << 12];
    private int[] rows = new int[1 << 12];
    private int size;

    /**
     * Records the key on {@code row} unless it was seen before.
     *
     * @return the row it was first seen on, or 0 if it is new
     */
    long putIfAbsent(String key, long row) {
        long hash = hash(key);
        int mask = hashes.length - 1;
        for (int slot = (int) hash & mask;; slot = (slot + 1) & mask) {
            if (hashes[slot] == EMPTY) {
                hashes[slot] = hash;
                rows[slot] = (int) Math.min(row, Integer.MAX_VALUE);
                if (++size * 2 > hashes.length) {
                    grow();
                }
                return 0;
            }
            if (hashes[slot] == hash) {
                return rows[slot];
            }
        }
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldRows = rows;
        hashes = new long[oldHashes.length * 2];
        rows = new int[oldRows.length * 2];
        int mask = hashes.length - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != EMPTY) {
                int slot = (int) oldHashes[i] & mask;
                while (hashes[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                rows[slot] = oldRows[i];
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, then a finalizer that spreads every bit; never 0 (the empty slot). */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    int size() {
        return size;
    }
}
