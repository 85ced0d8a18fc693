package org.atrium.onboarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.ClientType;
import org.atrium.api.portal.PortalIdentity;
import org.atrium.api.security.Actor;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.client.ServiceUnavailableException;
import org.atrium.api.client.Spouse;
import org.atrium.api.instructions.ClientInstructions;
import org.atrium.api.instructions.Instruction;
import org.atrium.api.instructions.RenderedMail;
import org.atrium.api.mail.MailMessage;
import org.atrium.api.mail.Mailer;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;
import org.atrium.api.portal.Invitation;
import org.junit.jupiter.api.Test;

class MailOnboardingTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Actor JANE = Actor.staff("jane", java.util.Set.of(1));
    static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    private final List<MailMessage> sent = new ArrayList<>();
    private final List<Invitation> recorded = new ArrayList<>();
    private Client current;

    private static Client client(boolean portalAccess, Spouse spouse) {
        return new Client("000123", ClientType.INDIVIDUAL, "Ann Smith", "ann@example.com", null, null, null, null, 1,
                spouse != null, spouse, false, portalAccess, false, false, RegistrationStatus.PENDING, NOW, NOW, 1, null,
                null, null, null);
    }

    /** A register that holds one client, as the staff member Jane sees it; anything else is not expected here. */
    private ClientRegister register(Client client) {
        current = client;
        return (ClientRegister) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ClientRegister.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> client;
                    case "actor" -> JANE;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The portal's people: records invitations, made as the register view's user. */
    private PortalIdentity identity() {
        return (PortalIdentity) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PortalIdentity.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "as" -> {
                        assertEquals(JANE, args[0], "invitations are recorded for the register view's user");
                        yield proxy;
                    }
                    case "recordInvitation" -> {
                        recorded.add((Invitation) args[1]);
                        yield current;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private MailOnboarding onboarding(boolean withMailer) {
        return onboarding(withMailer, "http://127.0.0.1:9090/");
    }

    /** @param endpoint the web server as Karaf's pax-web registers it, on the address and port an operator chose */
    private MailOnboarding onboarding(boolean withMailer, String endpoint) {
        OfficeDirectory offices = (OfficeDirectory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {OfficeDirectory.class}, (proxy, method, args) -> Optional.of(new OfficeLocation(1, "Main")));
        OnboardingConfig config = (OnboardingConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {OnboardingConfig.class}, (proxy, method, args) -> method.getDefaultValue());
        Mailer mailer = new Mailer() {
            @Override
            public String send(MailMessage message) {
                sent.add(message);
                return "id" + sent.size();
            }

            @Override
            public List<org.atrium.api.mail.QueuedMail> queue(org.atrium.api.mail.MailState state, int limit) {
                return List.of();
            }
        };
        ClientInstructions instructions = (ClientInstructions) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ClientInstructions.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "defaultInstruction" -> new Instruction("d", "Default", "Hi", "{{registrationLink}}", true);
                    case "render" -> {
                        @SuppressWarnings("unchecked")
                        Map<String, String> values = (Map<String, String>) args[1];
                        yield new RenderedMail("Hi " + values.get("clientName"), values.get("registrationLink"),
                                values.get("registrationLink"));
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new MailOnboarding(offices, identity(), config, Clock.fixed(NOW, ZoneOffset.UTC),
                () -> List.of(endpoint))
                .with(withMailer ? mailer : null, instructions);
    }

    private static String token(MailMessage mail) {
        Matcher token = TOKEN.matcher(mail.text());
        assertTrue(token.find(), mail.text());
        return token.group(1);
    }

    @Test
    void eachSpouseGetsTheirOwnLinkAndOnlyHashesAreRecorded() {
        Spouse bob = new Spouse("Bob Smith", "bob@example.com", null, null, null, null);

        onboarding(true).invite(register(client(true, bob)), "000123");

        assertEquals(2, sent.size());
        assertEquals(List.of("ann@example.com"), sent.get(0).to());
        assertEquals("Hi Ann Smith", sent.get(0).subject());
        assertEquals(List.of("bob@example.com"), sent.get(1).to());
        assertEquals("Hi Bob Smith", sent.get(1).subject());
        assertNotEquals(token(sent.get(0)), token(sent.get(1)));
        Invitation invitation = recorded.get(0);
        assertEquals(Invitation.hash(token(sent.get(0))), invitation.taxpayerTokenHash());
        assertEquals(Invitation.hash(token(sent.get(1))), invitation.spouseTokenHash());
        assertEquals(NOW.plusSeconds(14 * 24 * 3600), invitation.expiresAt());
        assertEquals("000123", sent.get(1).tags().get(MailOnboarding.TAG_CLIENT_ID));
    }

    @Test
    void aSingleClientGetsOneMail() {
        onboarding(true).invite(register(client(true, null)), "000123");

        assertEquals(1, sent.size());
        assertNull(recorded.get(0).spouseTokenHash());
        assertTrue(sent.get(0).text().startsWith("http://localhost:9090/portal/register?token="),
                "the link follows the port the web server listens on");
    }

    @Test
    void aServerOpenToTheNetworkWithoutAPublicAddressSendsNoLinkToLocalhost() {
        MailOnboarding onboarding = onboarding(true, "http://0.0.0.0:9090/");

        ServiceUnavailableException refused = assertThrows(ServiceUnavailableException.class,
                () -> onboarding.invite(register(client(true, null)), "000123"));

        assertTrue(refused.getMessage().contains("atrium:firm --public-url"), refused.getMessage());
        assertThrows(ServiceUnavailableException.class, onboarding::checkAvailable, "a bulk invitation is refused up front");
        assertEquals(List.of(), sent);
        assertEquals(List.of(), recorded);
    }

    @Test
    void withoutPortalAccessNothingIsSentOrRecorded() {
        assertThrows(ClientValidationException.class,
                () -> onboarding(true).invite(register(client(false, null)), "000123"));
        assertEquals(List.of(), sent);
        assertEquals(List.of(), recorded);
    }

    @Test
    void withoutTheMailerTheAnswerIsUnavailableAndNothingIsRecorded() {
        MailOnboarding onboarding = onboarding(false);
        ServiceUnavailableException unavailable = assertThrows(ServiceUnavailableException.class,
                () -> onboarding.invite(register(client(true, null)), "000123"));
        assertTrue(unavailable.getMessage().contains("atrium-mailer"));
        assertThrows(ServiceUnavailableException.class, onboarding::checkAvailable);
        assertEquals(List.of(), recorded);
    }
}
