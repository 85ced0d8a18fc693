package org.atrium.api.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A search of the audit trail, newest first. Every filter is optional ({@code null} = any).
 *
 * @param action one of {@link AuditActions}' names
 * @param from inclusive
 * @param to exclusive
 * @param page zero-based
 */
public record AuditQuery(String clientId, String user, String action, Instant from, Instant to, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** A search of any action (the form before {@code action} was added). */
    public AuditQuery(String clientId, String user, Instant from, Instant to, int page, int size) {
        this(clientId, user, null, from, to, page, size);
    }

    /**
     * A time bound as people write it: an ISO instant ({@code 2026-11-22T08:00:00Z}) or a UTC date
     * ({@code 2026-11-22}), which as a lower bound means the start of that day and as an upper bound the
     * start of the next, so that the day is included.
     *
     * @return {@code null} for null or blank text
     * @throws IllegalArgumentException naming the expected forms
     */
    public static Instant bound(String text, boolean upper) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (upper ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Write a date as 2026-11-22 or an instant as 2026-11-22T08:00:00Z, not '"
                    + value + "'.", e);
        }
    }

    public AuditQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
    }
}
