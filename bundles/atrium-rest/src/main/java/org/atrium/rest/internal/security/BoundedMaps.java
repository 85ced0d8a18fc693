package org.atrium.rest.internal.security;

import java.util.LinkedHashMap;
import java.util.Map;

/** Memory for unauthenticated input (names, addresses) that cannot grow without bound. */
final class BoundedMaps {

    private BoundedMaps() {
    }

    /**
     * A map that forgets its least recently used entry beyond {@code max}. Not thread-safe: its users
     * synchronize; a lookup reorders it, so do not look up while walking it.
     */
    static <K, V> Map<K, V> leastRecentlyUsed(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }
}
