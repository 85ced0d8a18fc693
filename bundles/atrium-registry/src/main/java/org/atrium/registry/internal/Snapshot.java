package org.atrium.registry.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Values written as one text and read back in the same order: each value is its length, a colon and the
 * value itself, or a dash for {@code null}. Length prefixes make any character safe inside a value.
 */
public final class Snapshot {

    private Snapshot() {
    }

    static String write(String... values) {
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            if (value == null) {
                text.append('-');
            } else {
                text.append(value.length()).append(':').append(value);
            }
        }
        return text.toString();
    }

    static Reader read(String text) {
        return new Reader(text);
    }

    static final class Reader {
        private final String text;
        private int position;

        private Reader(String text) {
            this.text = text;
        }

        String next() {
            if (text.charAt(position) == '-') {
                position++;
                return null;
            }
            int colon = text.indexOf(':', position);
            int length = Integer.parseInt(text, position, colon, 10);
            position = colon + 1 + length;
            return text.substring(colon + 1, position);
        }

        boolean hasNext() {
            return position < text.length();
        }

        LocalDate date() {
            String value = next();
            return value == null ? null : LocalDate.parse(value);
        }

        Instant instant() {
            String value = next();
            return value == null ? null : Instant.parse(value);
        }
    }
}
