package org.atrium.api.firm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class FirmProfileTest {

    @Test
    void blankMeansUnsetAndTheAddressLosesItsTrailingSlash() {
        FirmProfile profile = FirmProfile.of(" Smith & Co CPAs ", "", "HTTPS://portal.smithco.example:8443/atrium/");

        assertEquals(Optional.of("Smith & Co CPAs"), profile.name());
        assertEquals(Optional.empty(), profile.email());
        assertEquals(Optional.of("https://portal.smithco.example:8443/atrium/portal/register"),
                profile.link("/portal/register"));
    }

    @Test
    void wrongValuesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmProfile.of(null, "office at smithco", null))
                .getMessage().contains("'office at smithco' is not an email address"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmProfile.of(null, null, "portal.smithco.example"))
                .getMessage().contains("Give the address clients open, e.g. https://"));
        assertThrows(IllegalArgumentException.class, () -> FirmProfile.of(null, null, "ftp://smithco.example"));
        assertThrows(IllegalArgumentException.class, () -> FirmProfile.of(null, null, "https://smithco.example/?a=b"));
        assertThrows(IllegalArgumentException.class, () -> FirmProfile.of("Smith\nCo", null, null));
    }
}
