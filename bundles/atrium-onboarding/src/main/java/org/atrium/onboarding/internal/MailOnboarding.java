package org.atrium.onboarding.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.atrium.api.event.AtriumTopics;
import org.atrium.api.firm.Firm;
import org.atrium.api.firm.FirmProfile;
import org.atrium.api.client.BulkAction;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.ServiceUnavailableException;
import org.atrium.api.instructions.ClientInstructions;
import org.atrium.api.instructions.Instruction;
import org.atrium.api.instructions.Placeholders;
import org.atrium.api.instructions.RenderedMail;
import org.atrium.api.mail.MailMessage;
import org.atrium.api.mail.Mailer;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;
import org.atrium.api.onboarding.Onboarding;
import org.atrium.api.portal.Invitation;
import org.atrium.api.portal.PortalIdentity;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Onboarding emails, also offered as the bulk action {@code SEND_ONBOARDING_EMAIL}. The mailer and the
 * client instructions are optional references: while either is missing (its feature removed), invitations
 * answer 503 and everything else goes on.
 */
@Component(service = {Onboarding.class, BulkAction.class}, configurationPid = "atrium.onboarding",
        property = BulkAction.NAME + "=" + MailOnboarding.BULK_ACTION)
@Designate(ocd = OnboardingConfig.class)
public class MailOnboarding implements Onboarding, BulkAction {

    static final String BULK_ACTION = "SEND_ONBOARDING_EMAIL";
    /** Mail tags, so that a delivery failure finds its way back to the client. */
    static final String TAG_PURPOSE = "purpose";
    static final String PURPOSE = "onboarding";
    static final String TAG_CLIENT_ID = "clientId";
    /** The client's reference: the portal lists the mail for this client only, never for a later one. */
    static final String TAG_CLIENT_REFERENCE = "clientReference";
    static final String TAG_PERSON = "person";

    private static final Logger LOG = LoggerFactory.getLogger(MailOnboarding.class);
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private final OfficeDirectory offices;
    private final PortalIdentity identity;
    private final Clock clock;
    private final Supplier<List<String>> webEndpoints;
    private final SecureRandom random = new SecureRandom();
    private volatile OnboardingConfig config;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Mailer mailer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClientInstructions instructions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Firm firm;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Activate
    public MailOnboarding(@Reference OfficeDirectory offices, @Reference PortalIdentity identity,
            OnboardingConfig config, BundleContext context) {
        this(offices, identity, config, Clock.systemUTC(), () -> RegistrationLinks.endpoints(context));
    }

    /** @param webEndpoints the web server's addresses, read at each invitation (the port may change) */
    MailOnboarding(OfficeDirectory offices, PortalIdentity identity, OnboardingConfig config, Clock clock,
            Supplier<List<String>> webEndpoints) {
        this.offices = offices;
        this.identity = identity;
        this.config = config;
        this.clock = clock;
        this.webEndpoints = webEndpoints;
    }

    /** For tests: the optional services. */
    MailOnboarding with(Mailer mailer, ClientInstructions instructions) {
        this.mailer = mailer;
        this.instructions = instructions;
        return this;
    }

    @Modified
    void reconfigure(OnboardingConfig changed) {
        config = changed;
    }

    @Override
    public void checkAvailable() {
        requireMailer();
        requireInstructions();
        registrationBase();
    }

    @Override
    public void apply(ClientRegister register, String clientId) {
        invite(register, clientId);
    }

    @Override
    public Client invite(ClientRegister register, String clientId) {
        Mailer currentMailer = requireMailer();
        ClientInstructions currentInstructions = requireInstructions();
        String linkBase = registrationBase();
        Client client = register.get(clientId);
        if (!client.portalAccess()) {
            throw new ClientValidationException(List.of(new FieldError("portalAccess", "Portal access is off for client '"
                    + client.clientId() + "': turn it on before sending the onboarding email.")));
        }
        OnboardingConfig current = config;
        Instant expiresAt = clock.instant().plus(Duration.ofDays(current.link_valid_days()));
        String taxpayerToken = newToken();
        String spouseToken = hasSpouseEmail(client) ? newToken() : null;
        // recorded for the same user as the register view: office-scoped, audited under their name
        PortalIdentity people = identity.as(register.actor());
        Client invited = people.recordInvitation(client.clientId(), new Invitation(Invitation.hash(taxpayerToken),
                spouseToken == null ? null : Invitation.hash(spouseToken), expiresAt));

        Instruction template = currentInstructions.defaultInstruction();
        Map<String, String> common = new HashMap<>();
        common.put(Placeholders.OFFICE_NAME, offices.find(client.officeLocation()).map(OfficeLocation::name).orElse(""));
        common.put(Placeholders.LINK_EXPIRES_ON, LONG_DATE.format(expiresAt.atZone(ZoneId.systemDefault())));
        List<MailMessage> mails = new ArrayList<>();
        mails.add(mail(currentInstructions, template, common, client.email(), client.name(),
                client.spouse() == null ? "" : client.spouse().name(), link(linkBase, taxpayerToken), client, "taxpayer"));
        if (spouseToken != null) {
            mails.add(mail(currentInstructions, template, common, client.spouse().email(), client.spouse().name(),
                    client.name(), link(linkBase, spouseToken), client, "spouse"));
        }
        try {
            mails.forEach(currentMailer::send);
        } catch (RuntimeException e) {
            people.recordInvitationFailure(client.clientId(), "The onboarding email could not be queued: "
                    + e.getMessage());
            throw new ServiceUnavailableException("The onboarding email for client '" + client.clientId()
                    + "' could not be queued; try again. (" + e.getMessage() + ")");
        }
        LOG.info("Onboarding email for client {} queued for {} recipient(s)", client.clientId(), mails.size());
        announce(invited, mails.size());
        return invited;
    }

    private MailMessage mail(ClientInstructions currentInstructions, Instruction template, Map<String, String> common,
            String to, String name, String otherName, String link, Client client, String person) {
        Map<String, String> values = new HashMap<>(common);
        values.put(Placeholders.CLIENT_NAME, name);
        values.put(Placeholders.SPOUSE_NAME, otherName);
        values.put(Placeholders.REGISTRATION_LINK, link);
        RenderedMail rendered = currentInstructions.render(template, values);
        return new MailMessage(List.of(to), rendered.subject(), rendered.text(), rendered.html(), List.of(),
                tags(client, person));
    }

    /** {@link AtriumTopics#INVITATION_SENT}, identifiers only, for other bundles (a webhook, say). */
    private void announce(Client invited, int recipients) {
        EventAdmin events = eventAdmin;
        if (events == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(AtriumTopics.PROPERTY_CLIENT_ID, invited.clientId());
        if (invited.reference() != null) {
            properties.put(AtriumTopics.PROPERTY_CLIENT_REFERENCE, invited.reference());
        }
        properties.put(AtriumTopics.PROPERTY_OFFICE, invited.officeLocation());
        properties.put(AtriumTopics.PROPERTY_RECIPIENTS, recipients);
        events.postEvent(new Event(AtriumTopics.INVITATION_SENT, properties));
    }

    private static Map<String, String> tags(Client client, String person) {
        Map<String, String> tags = new HashMap<>(Map.of(TAG_PURPOSE, PURPOSE, TAG_CLIENT_ID, client.clientId(),
                TAG_PERSON, person));
        if (client.reference() != null) {
            tags.put(TAG_CLIENT_REFERENCE, client.reference());
        }
        return tags;
    }

    private static String link(String base, String token) {
        return base + (base.contains("?") ? "&" : "?") + "token=" + token;
    }

    /** Where the links point, or a refusal that says how to set it (before anything is recorded). */
    private String registrationBase() {
        Firm current = firm;
        List<String> endpoints = webEndpoints.get();
        return RegistrationLinks.base(config.link_base(), current == null ? FirmProfile.UNSET : current.profile(),
                endpoints).orElseThrow(() -> new ServiceUnavailableException("Onboarding emails are not sent while "
                        + "Atrium does not know the address clients reach it at: the web server listens beyond this "
                        + "machine (" + RegistrationLinks.listening(endpoints) + ") and no public address is set. Set it "
                        + "at the console (atrium:firm --public-url https://portal.example.com) or as public.url in "
                        + "etc/atrium.firm.cfg. Nothing was changed."));
    }

    /** 256 random bits, URL-safe. */
    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean hasSpouseEmail(Client client) {
        return client.marriedFilingJointly() && client.spouse() != null && client.spouse().email() != null
                && !client.spouse().email().isBlank();
    }

    private Mailer requireMailer() {
        Mailer current = mailer;
        if (current == null) {
            throw new ServiceUnavailableException("Onboarding emails cannot be sent right now: the mailer (feature "
                    + "atrium-mailer) is not installed or not running. Nothing was changed.");
        }
        return current;
    }

    private ClientInstructions requireInstructions() {
        ClientInstructions current = instructions;
        if (current == null) {
            throw new ServiceUnavailableException("Onboarding emails cannot be sent right now: the client instructions "
                    + "(feature atrium-instructions) are not installed or not running. Nothing was changed.");
        }
        return current;
    }
}
