package org.atrium.portal.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.client.Client;
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
 * What the firm delivered to each person: every mail sent with the tags {@code clientReference} (or, from
 * bundles that do not set it, {@code clientId}) and {@code person} (the onboarding email; a firm's bundle may
 * tag its own), except access codes, is recorded for the client and the address it went to. The portal lists
 * the items of the person's client and current address, so a changed email starts with none, and a later
 * client with the same ID or address never sees them.
 */
@Component(service = {PortalItems.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + MailTopics.SENT,
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=portal)"))
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
        Object reference = event.getProperty(MailTopics.TAG_PREFIX + "clientReference");
        Object person = event.getProperty(MailTopics.TAG_PREFIX + "person");
        Object purpose = event.getProperty(MailTopics.TAG_PREFIX + "purpose");
        Object mailId = event.getProperty(MailTopics.PROPERTY_ID);
        if (clientId == null || person == null || mailId == null || PortalSignIn.MAIL_PURPOSE.equals(purpose)) {
            return;
        }
        Person who = "spouse".equalsIgnoreCase(person.toString()) ? Person.SPOUSE : Person.TAXPAYER;
        Object subject = event.getProperty(MailTopics.PROPERTY_SUBJECT);
        try {
            // by reference where the sender gave it: a mail queued before a delete goes to nobody after it
            Optional<Client> client = reference != null ? register.findByReference(reference.toString())
                    : register.find(clientId.toString());
            client.flatMap(found -> found.person(who)).ifPresent(target -> jpa.tx(TransactionType.Required, em -> {
                if (em.find(PortalItemEntity.class, mailId.toString()) == null) {
                    em.persist(new PortalItemEntity(mailId.toString(), PortalSignIn.emailKey(target.email()),
                            target.client().reference(), target.client().clientId(),
                            subject == null ? "Message" : subject.toString(), clock.instant()));
                }
            }));
        } catch (RuntimeException e) {
            LOG.warn("Mail {} for client {} could not be listed in the portal: {}", mailId, clientId, e.toString());
        }
    }

    /** The items delivered to the person's current email address as this client's, newest first. */
    List<PortalItem> of(PortalPerson person) {
        String reference = person.client().reference();
        if (reference == null) {
            return List.of();
        }
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT i FROM PortalItemEntity i"
                + " WHERE i.emailKey = :key AND i.clientReference = :reference AND i.detachedAt IS NULL"
                + " ORDER BY i.deliveredAt DESC", PortalItemEntity.class)
                .setParameter("key", PortalSignIn.emailKey(person.email())).setParameter("reference", reference)
                .setMaxResults(200).getResultStream().map(PortalItemEntity::value).toList());
    }

    /**
     * The items of deleted clients: deleted with them, or detached (listed nowhere) until the retention ends.
     *
     * @return how many
     */
    int detach(Collection<String> deleted, int retentionDays) {
        if (deleted.isEmpty()) {
            return 0;
        }
        List<String> references = List.copyOf(deleted);
        return jpa.txExpr(TransactionType.Required, em -> retentionDays > 0
                ? em.createQuery("UPDATE PortalItemEntity i SET i.detachedAt = :now WHERE i.clientReference IN"
                        + " :references AND i.detachedAt IS NULL").setParameter("now", Date.from(clock.instant()))
                        .setParameter("references", references).executeUpdate()
                : em.createQuery("DELETE FROM PortalItemEntity i WHERE i.clientReference IN :references")
                        .setParameter("references", references).executeUpdate());
    }

    /**
     * Rows of an earlier version join the client they were delivered for: the client with their client ID, if
     * it existed by then; the others belonged to a deleted client and are detached.
     */
    void joinEarlierRows() {
        Instant now = clock.instant();
        jpa.tx(TransactionType.Required, em -> em.createQuery("SELECT i FROM PortalItemEntity i"
                + " WHERE i.clientReference IS NULL AND i.detachedAt IS NULL", PortalItemEntity.class)
                .getResultList().forEach(item -> item.joinClient(register.find(item.clientId())
                        .filter(client -> EarlierRows.writtenFor(client, item.deliveredAt()))
                        .map(Client::reference).orElse(null), now)));
    }

    /** Deletes the detached items whose retention has ended. @return how many */
    int purgeDetached(int retentionDays) {
        Instant cutoff = clock.instant().minus(Duration.ofDays(Math.max(0, retentionDays)));
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery("DELETE FROM PortalItemEntity i"
                + " WHERE i.detachedAt IS NOT NULL AND i.detachedAt <= :cutoff")
                .setParameter("cutoff", Date.from(cutoff)).executeUpdate());
    }
}
