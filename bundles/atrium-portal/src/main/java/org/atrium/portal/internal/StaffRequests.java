package org.atrium.portal.internal;

import java.util.Locale;

import org.atrium.api.client.Person;
import org.atrium.rest.support.InvalidRequestException;

/** What the staff routes of the portal read from a request. */
final class StaffRequests {

    private StaffRequests() {
    }

    /** {@code taxpayer} (the default) or {@code spouse}, in any case. */
    static Person person(String value) {
        if (value == null || value.isBlank()) {
            return Person.TAXPAYER;
        }
        try {
            return Person.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("person must be TAXPAYER or SPOUSE, not '" + value + "'.");
        }
    }
}
