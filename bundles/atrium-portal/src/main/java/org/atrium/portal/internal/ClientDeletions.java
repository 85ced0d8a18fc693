package org.atrium.portal.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.event.AtriumTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the portal keeps of a deleted client goes with it: its sessions end, its sign-in state goes, its
 * drop-offs and delivered items are deleted or, with a retention configured, detached (for administrators
 * only) until the retention ends. Everything is tied to the client's reference, so a later client never sees
 * any of it either way; this is about ending sessions and keeping no more than the firm wants.
 * <p>
 * Deletions arrive as events, but the portal does not depend on them: when it starts it compares the
 * references it holds with the register's and handles the clients deleted while it was away (or while an
 * event was lost). All work runs on one thread of its own, in batches, so a revert that deletes many
 * clients costs a few transactions, not one per client; work cut off by a stop is done again at the next start.
 */
@Component(service = {ClientDeletions.class, EventHandler.class}, configurationPid = "atrium.portal",
        property = EventConstants.EVENT_TOPIC + "=" + AtriumTopics.CLIENT_DELETED,
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=portal)"))
public class ClientDeletions implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClientDeletions.class);
    private static final int BATCH = 500;
    private static final long PURGE_EVERY_MINUTES = 60;

    private final JpaTemplate jpa;
    private final ClientRegister register;
    private final PortalSignIn signIn;
    private final PortalItems items;
    private final DropOffStore dropOffs;
    private final ConcurrentLinkedQueue<String> deleted = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "atrium-portal-deletions"));
    private volatile PortalConfig config;

    @Activate
    public ClientDeletions(@Reference(target = "(osgi.unit.name=atrium-portal)") JpaTemplate jpa,
            @Reference ClientRegister register, @Reference PortalSignIn signIn, @Reference PortalItems items,
            @Reference DropOffStore dropOffs, PortalConfig config) {
        this.jpa = jpa;
        this.register = register;
        this.signIn = signIn;
        this.items = items;
        this.dropOffs = dropOffs;
        this.config = config;
        worker.execute(this::catchUp);
        worker.scheduleWithFixedDelay(this::purgeExpired, PURGE_EVERY_MINUTES, PURGE_EVERY_MINUTES, TimeUnit.MINUTES);
    }

    /** Days a deleted client's drop-offs are kept, as configured now. */
    int retentionDays() {
        return config.deleted_client_retention_days();
    }

    @Modified
    void reconfigure(PortalConfig changed) {
        config = changed;
        worker.execute(this::purgeExpired); // a shorter retention applies at once
    }

    @Deactivate
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Override
    public void handleEvent(Event event) {
        Object reference = event.getProperty(AtriumTopics.PROPERTY_CLIENT_REFERENCE);
        if (reference != null) {
            deleted.add(reference.toString());
            worker.execute(this::drain);
        }
    }

    /** Handles the deletions queued so far, a batch at a time. */
    private void drain() {
        List<String> batch = new ArrayList<>(BATCH);
        String next;
        while ((next = deleted.poll()) != null) {
            batch.add(next);
            if (batch.size() == BATCH) {
                forget(batch);
                batch.clear();
            }
        }
        forget(batch);
    }

    /**
     * Joins rows of an earlier version to their clients, then handles every client the portal holds something
     * of that no longer exists, then purges what the retention no longer keeps.
     */
    void catchUp() {
        try {
            int retention = config.deleted_client_retention_days();
            signIn.joinEarlierRows();
            items.joinEarlierRows();
            int orphans = dropOffs.joinEarlierRows(register, retention);
            if (orphans > 0) {
                LOG.info("{} drop-off(s) of earlier versions belonged to deleted clients", orphans);
            }
            List<String> held = new ArrayList<>(heldReferences());
            Set<String> existing = register.existingReferences(held);
            held.removeAll(existing);
            for (int from = 0; from < held.size(); from += BATCH) {
                forget(held.subList(from, Math.min(held.size(), from + BATCH)));
            }
            if (!held.isEmpty()) {
                LOG.info("The portal caught up with {} client(s) deleted while it was not running", held.size());
            }
            purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("The portal could not catch up with deleted clients; it tries again at its next start", e);
        }
    }

    /** Every client reference the portal holds something of. */
    private Set<String> heldReferences() {
        return jpa.txExpr(TransactionType.Supports, em -> {
            Set<String> references = new HashSet<>();
            for (String select : List.of(
                    "SELECT DISTINCT d.clientReference FROM DropOffEntity d WHERE d.detachedAt IS NULL",
                    "SELECT DISTINCT i.clientReference FROM PortalItemEntity i WHERE i.detachedAt IS NULL",
                    "SELECT DISTINCT s.clientReference FROM PortalSessionEntity s",
                    "SELECT DISTINCT a.clientReference FROM AccessCodeEntity a")) {
                em.createQuery(select, String.class).getResultStream().filter(reference -> reference != null)
                        .forEach(references::add);
            }
            return references;
        });
    }

    private void forget(List<String> references) {
        if (references.isEmpty()) {
            return;
        }
        try {
            int retention = config.deleted_client_retention_days();
            int sessions = signIn.forget(references);
            int delivered = items.detach(references, retention);
            int uploads = dropOffs.detach(references, retention);
            LOG.info("{} deleted client(s): {} session(s) ended, {} delivered item(s) and {} drop-off(s) {}",
                    references.size(), sessions, delivered, uploads, retention > 0 ? "detached" : "deleted");
        } catch (RuntimeException e) {
            LOG.warn("What the portal held of {} deleted client(s) could not be removed now; it is at its next start",
                    references.size(), e);
        }
    }

    private void purgeExpired() {
        try {
            int retention = config.deleted_client_retention_days();
            int uploads = dropOffs.purgeDetached(retention);
            int delivered = items.purgeDetached(retention);
            if (uploads + delivered > 0) {
                LOG.info("Retention of deleted clients' data ended: {} drop-off(s) and {} item(s) deleted", uploads,
                        delivered);
            }
        } catch (RuntimeException e) {
            LOG.warn("Deleted clients' drop-offs past their retention could not be purged now", e);
        }
    }
}
