package org.atrium.registry.internal.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Keys of JPA's table generators (ID_GENERATOR) for an import or a revert, taken before its long transaction
 * in a short one of their own. Taken inside the long one, the generator's rows stayed locked until it
 * committed, and every other change waited that long for the key of its audit entry (28 s for an edit during
 * a bulk edit of 100,000 clients on PostgreSQL). A block a rolled back import leaves unused is a gap in the
 * keys, as with any sequence.
 */
final class KeyBlocks {

    /** Nothing taken ahead: every key comes from the table when asked for. */
    static final KeyBlocks NONE = new KeyBlocks(Map.of());

    /** Per generator, the next key of the block and the first one past it. */
    private final Map<String, long[]> blocks;

    private KeyBlocks(Map<String, long[]> blocks) {
        this.blocks = blocks;
    }

    /** Takes a block of {@code counts.get(generator)} keys of each generator, on the connection's transaction. */
    static KeyBlocks take(Connection connection, Map<String, Long> counts) throws SQLException {
        Map<String, long[]> blocks = new HashMap<>();
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            if (count.getValue() > 0) {
                long first = reserve(connection, count.getKey(), count.getValue());
                blocks.put(count.getKey(), new long[] {first, first + count.getValue()});
            }
        }
        return new KeyBlocks(blocks);
    }

    /** The first of {@code count} consecutive keys from the block taken ahead, or -1 if it has not that many left. */
    long next(String generator, int count) {
        long[] block = blocks.get(generator);
        if (block == null || block[1] - block[0] < count) {
            return -1;
        }
        long first = block[0];
        block[0] += count;
        return first;
    }

    /**
     * Takes {@code count} keys of a generator as JPA takes its blocks: the generator's value moves on by
     * {@code count} and the keys are the ones just below the new value.
     *
     * @return the first key
     */
    static long reserve(Connection connection, String generator, long count) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(
                "UPDATE ID_GENERATOR SET NEXT_VALUE = NEXT_VALUE + ? WHERE NAME = ?")) {
            move.setLong(1, count);
            move.setString(2, generator);
            if (move.executeUpdate() == 0) {
                try (PreparedStatement create = connection.prepareStatement(
                        "INSERT INTO ID_GENERATOR (NAME, NEXT_VALUE) VALUES (?, ?)")) {
                    create.setString(1, generator);
                    create.setLong(2, count);
                    create.executeUpdate();
                }
            }
        }
        try (PreparedStatement read = connection.prepareStatement("SELECT NEXT_VALUE FROM ID_GENERATOR WHERE NAME = ?")) {
            read.setString(1, generator);
            try (ResultSet value = read.executeQuery()) {
                value.next();
                return value.getLong(1) - count + 1;
            }
        }
    }
}
