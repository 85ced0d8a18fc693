package org.atrium.itests;

import java.util.concurrent.ThreadLocalRandom;

/**
 * SSNs the register accepts for test clients: area 100-899 but not 666, group 01-99, serial 0001-9999 (the
 * SSA's rules; Atrium refuses the others).
 */
final class TestSsns {

    private static final long PER_AREA = 99L * 9999;

    private TestSsns() {
    }

    /** A different SSN for each {@code i} from 0 to about 790 million. */
    static String numbered(long i) {
        long area = 100 + i / PER_AREA;
        if (area >= 666) {
            area++;
        }
        long group = 1 + i % PER_AREA / 9999;
        long serial = 1 + i % 9999;
        return String.format("%03d%02d%04d", area, group, serial);
    }

    static String random() {
        return numbered(ThreadLocalRandom.current().nextLong(798 * PER_AREA));
    }
}
