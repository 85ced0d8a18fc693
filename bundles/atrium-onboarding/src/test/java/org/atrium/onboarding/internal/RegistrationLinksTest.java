package org.atrium.onboarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.atrium.api.firm.FirmProfile;
import org.junit.jupiter.api.Test;

class RegistrationLinksTest {

    private static final FirmProfile PUBLIC = FirmProfile.of("Smith & Co", null, "https://portal.smithco.example/");

    @Test
    void theLinkBaseSetForOnboardingComesFirst() {
        assertEquals(Optional.of("https://portal.firm.example/portal/register"), RegistrationLinks.base(
                " https://portal.firm.example/portal/register ", PUBLIC, List.of("http://0.0.0.0:8181/")));
    }

    @Test
    void thenTheFirmsPublicAddress() {
        assertEquals(Optional.of("https://portal.smithco.example/portal/register"),
                RegistrationLinks.base("", PUBLIC, List.of("http://0.0.0.0:8181/")));
    }

    @Test
    void elseTheWebServersPortWhileItListensOnThisMachineOnly() {
        assertEquals(Optional.of("http://localhost:9090/portal/register"),
                RegistrationLinks.base("", FirmProfile.UNSET, List.of("http://127.0.0.1:9090/")));
        assertEquals(Optional.of("http://localhost:8080/portal/register"),
                RegistrationLinks.base(null, FirmProfile.UNSET, List.of("not a url", "http://[::1]:8080/")));
        assertEquals(Optional.of("http://localhost:8181/portal/register"),
                RegistrationLinks.base("", FirmProfile.UNSET, List.of()), "nothing known");
    }

    @Test
    void noLinkAClientCouldNotOpenWhenTheServerListensBeyondThisMachine() {
        assertEquals(Optional.empty(), RegistrationLinks.base("", FirmProfile.UNSET, List.of("http://0.0.0.0:8181/")));
        assertEquals(Optional.empty(), RegistrationLinks.base("", FirmProfile.UNSET, List.of("http://10.0.0.5:8181/")));
    }
}
