package org.atrium.portal.internal;

import java.util.Locale;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.event.AtriumTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A renamed client keeps its drop-offs, delivered items and sign-in state: they follow the new client ID. */
@Component(property = EventConstants.EVENT_TOPIC + "=" + AtriumTopics.CLIENT_UPDATED)
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
        if (previous == null || current == null) {
            return;
        }
        String from = previous.toString();
        String to = current.toString();
        jpa.tx(TransactionType.Required, em -> {
            int dropOffs = em.createQuery("UPDATE DropOffEntity d SET d.clientId = :to, d.clientIdKey = :toKey"
                    + " WHERE d.clientIdKey = :fromKey").setParameter("to", to)
                    .setParameter("toKey", to.toLowerCase(Locale.ROOT))
                    .setParameter("fromKey", from.toLowerCase(Locale.ROOT)).executeUpdate();
            em.createQuery("UPDATE PortalItemEntity i SET i.clientId = :to WHERE i.clientId = :from")
                    .setParameter("to", to).setParameter("from", from).executeUpdate();
            em.createQuery("UPDATE AccessCodeEntity a SET a.clientId = :to WHERE a.clientId = :from")
                    .setParameter("to", to).setParameter("from", from).executeUpdate();
            if (dropOffs > 0) {
                LOG.info("Client {} renamed {}: {} drop-off(s) follow", from, to, dropOffs);
            }
        });
    }
}
