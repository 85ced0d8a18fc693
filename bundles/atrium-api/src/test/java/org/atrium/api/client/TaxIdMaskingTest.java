package org.atrium.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class TaxIdMaskingTest {

    @Test
    void ssnIsShownAsTheIrsTruncatesIt() {
        assertEquals("XXX-XX-6789", ClientType.INDIVIDUAL.maskTaxId("123456789"));
    }

    @Test
    void einIsShownAsTheIrsTruncatesIt() {
        assertEquals("XX-XXX6789", ClientType.ENTITY.maskTaxId("123456789"));
    }

    @Test
    void noTaxIdStaysNone() {
        assertEquals(null, ClientType.ENTITY.maskTaxId(null));
    }

    @Test
    void printedValuesNeverContainTaxIdsEmailsOrBirthDates() {
        Spouse spouse = new Spouse("Bob", "bob@example.com", "987654321", LocalDate.of(1979, 2, 3), "1", "5559876543");
        Client client = new Client("00123", ClientType.INDIVIDUAL, "Ann", "ann@example.com", "123456789",
                LocalDate.of(1980, 4, 15), "1", "5551234567", 1, true, spouse, false, true, false, false,
                RegistrationStatus.PENDING, Instant.EPOCH, Instant.EPOCH, 1, null, null, "550 <ann@example.com> unknown", null);
        ClientData data = ClientData.of(client);
        for (String printed : new String[] {client.toString(), spouse.toString(), data.toString()}) {
            for (String secret : new String[] {"123456789", "987654321", "ann@example.com", "bob@example.com",
                "1980-04-15", "1979-02-03"}) {
                assertFalse(printed.contains(secret), () -> printed + " contains " + secret);
            }
        }
        assertEquals(true, client.toString().contains("XXX-XX-6789"));
    }
}
