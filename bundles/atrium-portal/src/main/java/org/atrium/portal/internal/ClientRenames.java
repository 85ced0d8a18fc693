package org.atrium.portal.internal;

import java.util.Locale;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.event.AtriumTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A renamed client's drop-offs, delivered items and sign-in state belong to it by reference already; this keeps
 * the client ID they show (in logs, the audit trail and, once the client is deleted, to administrators) current.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + AtriumTopics.CLIENT_UPDATED,
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=portal)"))
public class ClientRenames implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRenames.class);

    private final JpaTemplate jpa;

    @Activate
    public ClientRenames(@Reference(target = "(osgi.unit.name=atrium-portal)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    @Override
    public void handleEvent(Event event) {
        Object previous = event.getProperty(AtriumTopics.PROPERTY_PREVIOUS_CLIENT_ID);
        Object current = event.getProperty(AtriumTopics.PROPERTY_CLIENT_ID);
        Object reference = event.getProperty(AtriumTopics.PROPERTY_CLIENT_REFERENCE);
        if (previous == null || current == null || reference == null) {
            return;
        }
        String to = current.toString();
        jpa.tx(TransactionType.Required, em -> {
            int dropOffs = em.createQuery("UPDATE DropOffEntity d SET d.clientId = :to, d.clientIdKey = :toKey"
                    + " WHERE d.clientReference = :reference").setParameter("to", to)
                    .setParameter("toKey", to.toLowerCase(Locale.ROOT))
                    .setParameter("reference", reference).executeUpdate();
            em.createQuery("UPDATE PortalItemEntity i SET i.clientId = :to WHERE i.clientReference = :reference")
                    .setParameter("to", to).setParameter("reference", reference).executeUpdate();
            em.createQuery("UPDATE AccessCodeEntity a SET a.clientId = :to WHERE a.clientReference = :reference")
                    .setParameter("to", to).setParameter("reference", reference).executeUpdate();
            if (dropOffs > 0) {
                LOG.info("Client {} renamed {}: the ID shown with its {} drop-off(s) follows", previous, to, dropOffs);
            }
        });
    }
}
