package org.atrium.portal.internal;

import java.time.Clock;
import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.Person;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.mail.MailTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the firm delivered to each person: every mail sent with the tags {@code clientId} and {@code person}
 * (the onboarding email; a firm's bundle may tag its own), except access codes, is recorded for the
 * address it went to. The portal lists the items of the person's current address, so a changed email
 * starts with none.
 */
@Component(service = {PortalItems.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + MailTopics.SENT)
public class PortalItems implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PortalItems.class);

    private final JpaTemplate jpa;
    private final ClientRegister register;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public PortalItems(@Reference(target = "(osgi.unit.name=atrium-portal)") JpaTemplate jpa,
            @Reference ClientRegister register) {
        this.jpa = jpa;
        this.register = register;
    }

    @Override
    public void handleEvent(Event event) {
        Object clientId = event.getProperty(MailTopics.TAG_PREFIX + "clientId");
        Object person = event.getProperty(MailTopics.TAG_PREFIX + "person");
        Object purpose = event.getProperty(MailTopics.TAG_PREFIX + "purpose");
        Object mailId = event.getProperty(MailTopics.PROPERTY_ID);
        if (clientId == null || person == null || mailId == null || PortalSignIn.MAIL_PURPOSE.equals(purpose)) {
            return;
        }
        Person who = "spouse".equalsIgnoreCase(person.toString()) ? Person.SPOUSE : Person.TAXPAYER;
        Object subject = event.getProperty(MailTopics.PROPERTY_SUBJECT);
        try {
            register.find(clientId.toString()).flatMap(client -> client.person(who)).ifPresent(target -> jpa.tx(
                    TransactionType.Required, em -> {
                        if (em.find(PortalItemEntity.class, mailId.toString()) == null) {
                            em.persist(new PortalItemEntity(mailId.toString(), PortalSignIn.emailKey(target.email()),
                                    target.client().clientId(), subject == null ? "Message" : subject.toString(),
                                    clock.instant()));
                        }
                    }));
        } catch (RuntimeException e) {
            LOG.warn("Mail {} for client {} could not be listed in the portal: {}", mailId, clientId, e.toString());
        }
    }

    /** The items delivered to the person's current email address, newest first. */
    List<PortalItem> of(PortalPerson person) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT i FROM PortalItemEntity i"
                + " WHERE i.emailKey = :key ORDER BY i.deliveredAt DESC", PortalItemEntity.class)
                .setParameter("key", PortalSignIn.emailKey(person.email())).setMaxResults(200)
                .getResultStream().map(PortalItemEntity::value).toList());
    }
}
