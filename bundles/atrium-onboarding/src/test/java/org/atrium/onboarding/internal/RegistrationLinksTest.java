package org.atrium.onboarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RegistrationLinksTest {

    @Test
    void theFirmsAddressComesFirst() {
        assertEquals("https://portal.firm.example/portal/register", RegistrationLinks.base(
                " https://portal.firm.example/portal/register ", List.of("http://0.0.0.0:8181/")));
    }

    @Test
    void elseTheWebServersPortOnThisMachine() {
        assertEquals("http://localhost:9090/portal/register", RegistrationLinks.base("", List.of("http://0.0.0.0:9090/")));
        assertEquals("http://10.0.0.5:8080/portal/register", RegistrationLinks.base(null,
                List.of("not a url", "http://10.0.0.5:8080/")));
        assertEquals("http://localhost:8181/portal/register", RegistrationLinks.base("", List.of()), "nothing known");
    }
}
