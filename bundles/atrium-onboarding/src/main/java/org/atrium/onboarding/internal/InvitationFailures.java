package org.atrium.onboarding.internal;

import java.util.Optional;

import org.atrium.api.client.AtriumException;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.mail.MailTopics;
import org.atrium.api.portal.PortalIdentity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An onboarding email the mailer gave up on (the server refused the address, or the retries ran out) is
 * recorded on its client, so staff see why the client never registered and can fix the address.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + MailTopics.FAILED)
public class InvitationFailures implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationFailures.class);

    private final ClientRegister register;
    private final PortalIdentity identity;

    @Activate
    public InvitationFailures(@Reference ClientRegister register, @Reference PortalIdentity identity) {
        this.register = register;
        this.identity = identity;
    }

    @Override
    public void handleEvent(Event event) {
        if (!MailOnboarding.PURPOSE.equals(event.getProperty(MailTopics.TAG_PREFIX + MailOnboarding.TAG_PURPOSE))) {
            return;
        }
        Object clientId = event.getProperty(MailTopics.TAG_PREFIX + MailOnboarding.TAG_CLIENT_ID);
        Object reference = event.getProperty(MailTopics.TAG_PREFIX + MailOnboarding.TAG_CLIENT_REFERENCE);
        Object person = event.getProperty(MailTopics.TAG_PREFIX + MailOnboarding.TAG_PERSON);
        Object error = event.getProperty(MailTopics.PROPERTY_ERROR);
        // by reference: a mail of a deleted client is not recorded on a later client with its ID
        Optional<String> current = reference instanceof String ref
                ? register.findByReference(ref).map(Client::clientId)
                : Optional.ofNullable(clientId instanceof String id ? id : null);
        if (current.isEmpty()) {
            LOG.info("Client {} no longer exists; its undelivered onboarding email is not recorded", clientId);
            return;
        }
        try {
            identity.recordInvitationFailure(current.get(), "Email to the " + person + " not delivered: " + error);
        } catch (AtriumException gone) {
            LOG.info("Client {} no longer exists; its undelivered onboarding email is not recorded", clientId);
        }
    }
}
