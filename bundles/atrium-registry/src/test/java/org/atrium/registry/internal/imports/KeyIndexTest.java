package org.atrium.registry.internal.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeyIndexTest {

    @Test
    void aKeySeenBeforeGivesTheRowItWasFirstSeenOn() {
        KeyIndex index = new KeyIndex();
        assertEquals(0, index.putIfAbsent("00123", 2));
        assertEquals(0, index.putIfAbsent("123", 3), "leading zeros make another key");
        assertEquals(2, index.putIfAbsent("00123", 9));
        assertEquals(2, index.putIfAbsent("00123", 10), "still the first row");
    }

    @Test
    void manyKeysStayApartWhileTheTableGrows() {
        KeyIndex index = new KeyIndex();
        for (int i = 0; i < 200_000; i++) {
            assertEquals(0, index.putIfAbsent("client" + i + "@example.com", i + 2));
        }
        assertEquals(200_000, index.size());
        for (int i = 0; i < 200_000; i += 997) {
            assertEquals(i + 2, index.putIfAbsent("client" + i + "@example.com", 1_000_000));
        }
    }
}
