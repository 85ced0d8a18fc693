package org.atrium.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClientFilterTest {

    private static Optional<String> taxIdSearch(String q) {
        return new ClientFilter(q, null, null, null).taxIdSearch();
    }

    @Test
    void nineDigitsWithDashesOrSpacesAreATaxIdSearch() {
        assertEquals(Optional.of("123456789"), taxIdSearch("123-45-6789"));
        assertEquals(Optional.of("121234567"), taxIdSearch(" 12-1234567 "));
        assertEquals(Optional.of("123456789"), taxIdSearch("123 45 6789"));
    }

    @Test
    void anythingElseIsNot() {
        assertEquals(Optional.empty(), taxIdSearch(null));
        assertEquals(Optional.empty(), taxIdSearch("12345678"));
        assertEquals(Optional.empty(), taxIdSearch("1234567890"));
        assertEquals(Optional.empty(), taxIdSearch("smith"));
        assertEquals(Optional.empty(), ClientFilter.ALL.taxIdSearch());
    }
}
