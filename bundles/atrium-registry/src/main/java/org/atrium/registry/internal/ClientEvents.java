package org.atrium.registry.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.client.Client;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.imports.ImportResult;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The register's events, posted after commit and asynchronously; they carry identifiers only. Events are a
 * courtesy to other bundles: without Event Admin nothing is posted and the register works the same.
 */
public final class ClientEvents {

    /** What a client event names: enough to find the client, or what belonged to it. */
    public record Subject(String reference, String clientId, int office) {
        public static Subject of(Client client) {
            return new Subject(client.reference(), client.clientId(), client.officeLocation());
        }
    }

    private static final int CHUNK = 500;

    /** The Event Admin there is now, or null. */
    private final Supplier<EventAdmin> eventAdmin;

    public ClientEvents(Supplier<EventAdmin> eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    /**
     * Something about a user, such as {@link AtriumTopics#USER_MFA_RESET}, delivered before this returns: what
     * the user signed in with has ended when the console says the reset is done.
     */
    public void user(String topic, String username) {
        EventAdmin events = eventAdmin.get();
        if (events != null) {
            events.sendEvent(new Event(topic, Map.of(AtriumTopics.PROPERTY_USERNAME, username)));
        }
    }

    /**
     * @param changedFields the names of the fields that changed, on updates; null otherwise
     * @param previousClientId the ID before a rename; null if it did not change
     */
    public void client(String topic, Client client, String[] changedFields, String previousClientId) {
        EventAdmin events = eventAdmin.get();
        if (events == null) {
            return;
        }
        Map<String, Object> properties = properties(Subject.of(client), null);
        if (changedFields != null) {
            properties.put(AtriumTopics.PROPERTY_CHANGED_FIELDS, changedFields);
        }
        if (previousClientId != null) {
            properties.put(AtriumTopics.PROPERTY_PREVIOUS_CLIENT_ID, previousClientId);
        }
        events.postEvent(new Event(topic, properties));
        if (changedFields != null && Arrays.asList(changedFields).contains(AtriumTopics.PROPERTY_PORTAL_ACCESS)) {
            Map<String, Object> access = properties(Subject.of(client), null);
            access.put(AtriumTopics.PROPERTY_PORTAL_ACCESS, client.portalAccess());
            events.postEvent(new Event(AtriumTopics.CLIENT_PORTAL_ACCESS_CHANGED, access));
        }
    }

    /** A person of the client registered for the portal ({@link AtriumTopics#CLIENT_REGISTERED}). */
    public void registered(Client client, String person) {
        EventAdmin events = eventAdmin.get();
        if (events != null) {
            Map<String, Object> properties = properties(Subject.of(client), null);
            properties.put(AtriumTopics.PROPERTY_PERSON, person);
            events.postEvent(new Event(AtriumTopics.CLIENT_REGISTERED, properties));
        }
    }

    /**
     * An applied import: an event for each client it created and updated (read back in chunks, so memory
     * does not grow with the import), then {@link AtriumTopics#IMPORTED}.
     */
    public void imported(JpaTemplate jpa, ImportResult result) {
        EventAdmin events = eventAdmin.get();
        if (events == null) {
            return;
        }
        String importId = result.importId();
        forEachCreated(jpa, importId, subject -> events.postEvent(new Event(AtriumTopics.CLIENT_CREATED,
                properties(subject, importId))));
        forEachUpdated(jpa, importId, subject -> events.postEvent(new Event(AtriumTopics.CLIENT_UPDATED,
                properties(subject, importId))));
        events.postEvent(new Event(AtriumTopics.IMPORTED, Map.of(AtriumTopics.PROPERTY_IMPORT_ID, importId,
                AtriumTopics.PROPERTY_CREATED, result.created(), AtriumTopics.PROPERTY_UPDATED, result.updated())));
    }

    /**
     * A reverted import: an event for each client it deleted (gone from the database, so handed in) and each
     * it restored, then {@link AtriumTopics#IMPORT_REVERTED}.
     */
    public void reverted(JpaTemplate jpa, ImportResult result, List<Subject> deleted) {
        EventAdmin events = eventAdmin.get();
        if (events == null) {
            return;
        }
        String importId = result.importId();
        deleted.forEach(subject -> events.postEvent(new Event(AtriumTopics.CLIENT_DELETED,
                properties(subject, importId))));
        forEachUpdated(jpa, importId, subject -> events.postEvent(new Event(AtriumTopics.CLIENT_UPDATED,
                properties(subject, importId))));
        // for a revert, ImportResult counts the deleted clients as "created" and the restored as "updated"
        events.postEvent(new Event(AtriumTopics.IMPORT_REVERTED, Map.of(AtriumTopics.PROPERTY_IMPORT_ID, importId,
                AtriumTopics.PROPERTY_DELETED, result.created(), AtriumTopics.PROPERTY_RESTORED, result.updated())));
    }

    private static Map<String, Object> properties(Subject subject, String importId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AtriumTopics.PROPERTY_CLIENT_ID, subject.clientId());
        if (subject.reference() != null) {
            properties.put(AtriumTopics.PROPERTY_CLIENT_REFERENCE, subject.reference());
        }
        properties.put(AtriumTopics.PROPERTY_OFFICE, subject.office());
        if (importId != null) {
            properties.put(AtriumTopics.PROPERTY_IMPORT_ID, importId);
        }
        return properties;
    }

    private static void forEachCreated(JpaTemplate jpa, String importId, Consumer<Subject> each) {
        inChunks(jpa, "SELECT c.pk, c.reference, c.clientId, c.officeLocation FROM ClientEntity c"
                + " WHERE c.createdByImport = :id AND c.pk > :last ORDER BY c.pk", importId, each);
    }

    /** The clients an import updated (and a revert restores): those with an undo row of the import. */
    private static void forEachUpdated(JpaTemplate jpa, String importId, Consumer<Subject> each) {
        inChunks(jpa, "SELECT u.id, c.reference, c.clientId, c.officeLocation FROM ImportUndoEntity u, ClientEntity c"
                + " WHERE u.importId = :id AND c.pk = u.clientPk AND u.id > :last ORDER BY u.id", importId, each);
    }

    /** Rows of {@code [key, reference, client ID, office]} read in key order, a chunk per short read. */
    private static void inChunks(JpaTemplate jpa, String select, String importId,
            Consumer<Subject> each) {
        long last = Long.MIN_VALUE;
        while (true) {
            long after = last;
            List<Object[]> rows = jpa.txExpr(TransactionType.Supports, em -> {
                TypedQuery<Object[]> query = em.createQuery(select, Object[].class);
                return query.setParameter("id", importId).setParameter("last", after).setMaxResults(CHUNK)
                        .getResultList();
            });
            for (Object[] row : rows) {
                each.accept(new Subject((String) row[1], (String) row[2], ((Number) row[3]).intValue()));
                last = ((Number) row[0]).longValue();
            }
            if (rows.size() < CHUNK) {
                return;
            }
        }
    }
}
