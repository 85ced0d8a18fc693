package org.atrium.shell.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Tables that fit an 80-column terminal: every column but the last keeps a bounded width, and the last
 * takes what they leave, wrapped over as many lines as it needs.
 */
final class ConsoleTables {

    static final int WIDTH = 80;
    /** Enough of a UUID to tell jobs and messages apart at a glance (as git shows commits). */
    static final int SHORT_ID = 8;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private ConsoleTables() {
    }

    static ShellTable fitted() {
        return new ShellTable().size(WIDTH);
    }

    /** A time to the minute, UTC: {@code 2026-11-29 01:58}. */
    static String minute(Instant at) {
        return at == null ? "" : MINUTE.format(at);
    }

    static String shortId(String id) {
        return id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id;
    }
}
