package org.atrium.portal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.ws.rs.core.Response.Status;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.security.Actor;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drop-off uploads: the bytes in data/atrium/drop-off/{id} or the folder {@code drop.off.folder} names
 * (owner-only, no name or extension of the client's, nothing there is ever executed or served by path), what
 * they are in the database. A file is written beside and moved into place only once its row is committed, so
 * a failed upload leaves nothing.
 */
@Component(service = DropOffStore.class, configurationPid = "atrium.portal",
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=portal)"))
public class DropOffStore {

    private static final Logger LOG = LoggerFactory.getLogger(DropOffStore.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;
    private static final int HEAD = 8192;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final JpaTemplate jpa;
    private final AuditTrail audit;
    private final Path data;
    private volatile Path folder;
    private final Clock clock;

    @Activate
    public DropOffStore(@Reference(target = "(osgi.unit.name=atrium-portal)") JpaTemplate jpa,
            @Reference AuditTrail audit, BundleContext context, PortalConfig config) {
        this(jpa, audit, PortalFolders.data(context), Clock.systemUTC());
        configure(config);
    }

    /**
     * The folder of the files, {@code drop.off.folder}: data/atrium/drop-off by default, or one that every node
     * mounts, so that a file received by one node is read by staff through another.
     */
    @Modified
    void configure(PortalConfig config) {
        // normalized: the system resolves "atrium/../x" only while data/atrium exists, Java's createDirectories not
        Path chosen = data.resolve(config.drop_off_folder().isBlank() ? "drop-off" : config.drop_off_folder().strip())
                .toAbsolutePath().normalize();
        if (!chosen.equals(folder)) {
            LOG.info("Drop-off files are kept in {}", chosen);
        }
        folder = chosen;
    }

    /** @param data data/atrium, where the default folder is and relative ones start */
    DropOffStore(JpaTemplate jpa, AuditTrail audit, Path data, Clock clock) {
        this.jpa = jpa;
        this.audit = audit;
        this.data = data;
        this.folder = data.resolve("drop-off");
        this.clock = clock;
    }

    /**
     * Stores an upload of the person, if it is an allowed kind and within the size limit.
     *
     * @throws PortalException 413 over the limit, 415 not an allowed kind, 400 without a name or empty
     */
    DropOff receive(PortalPerson person, String fileName, String declaredType, InputStream content, long maxBytes)
            throws IOException {
        String name = UploadCheck.cleanName(fileName);
        if (name.isEmpty()) {
            throw new PortalException(Status.BAD_REQUEST, "The upload has no file name: send the file as a form field "
                    + "with a filename.");
        }
        Files.createDirectories(folder);
        String id = UUID.randomUUID().toString();
        Path partial = folder.resolve(id + ".part");
        try {
            MessageDigest sha256 = sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256)) {
                PortalFolders.ownerOnly(partial);
                size = copyAtMost(content, out, maxBytes);
            }
            if (size > maxBytes) {
                throw new PortalException(Status.REQUEST_ENTITY_TOO_LARGE, "The file is larger than the limit of "
                        + (maxBytes / (1024 * 1024)) + " MB.");
            }
            if (size == 0) {
                throw new PortalException(Status.BAD_REQUEST, "The file '" + name + "' is empty.");
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(partial)) {
                head = in.readNBytes(HEAD);
            }
            String contentType = UploadCheck.contentType(name, declaredType, head).orElseThrow(() -> new PortalException(
                    Status.UNSUPPORTED_MEDIA_TYPE, "'" + name + "' is not a file the firm accepts here. Allowed: "
                            + UploadCheck.ALLOWED + ", with their usual file name endings."));
            DropOff received = new DropOff(id, person.client().reference(), person.client().clientId(),
                    person.person(), name, contentType, size, HexFormat.of().formatHex(sha256.digest()),
                    clock.instant(), null);
            jpa.tx(TransactionType.Required, em -> {
                em.persist(new DropOffEntity(received.id(), received.clientReference(), received.clientId(),
                        received.person(), received.fileName(), received.contentType(), received.size(),
                        received.sha256(), received.receivedAt()));
                audit.record(PortalPerson.auditName(received.clientId(), received.person()),
                        AuditActions.DROP_OFF_RECEIVED, received.clientId(), "'" + name + "', " + size + " bytes, "
                                + contentType, List.of());
            });
            Files.move(partial, folder.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            announce(person, received);
            return received;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** {@link AtriumTopics#DROP_OFF_RECEIVED}: identifiers and the size, not the file's name, which may say anything. */
    private void announce(PortalPerson person, DropOff received) {
        EventAdmin events = eventAdmin;
        if (events == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(AtriumTopics.PROPERTY_CLIENT_ID, received.clientId());
        if (received.clientReference() != null) {
            properties.put(AtriumTopics.PROPERTY_CLIENT_REFERENCE, received.clientReference());
        }
        properties.put(AtriumTopics.PROPERTY_OFFICE, person.client().officeLocation());
        properties.put(AtriumTopics.PROPERTY_PERSON, person.person().name().toLowerCase(Locale.ROOT));
        properties.put(AtriumTopics.PROPERTY_DROP_OFF_ID, received.id());
        properties.put(AtriumTopics.PROPERTY_SIZE, received.size());
        events.postEvent(new Event(AtriumTopics.DROP_OFF_RECEIVED, properties));
    }

    /** The client's drop-offs, newest first: those of this client (by reference), never of an earlier one. */
    List<DropOff> list(Client client) {
        if (client.reference() == null) {
            return List.of();
        }
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT d FROM DropOffEntity d"
                + " WHERE d.clientReference = :reference AND d.detachedAt IS NULL ORDER BY d.receivedAt DESC",
                DropOffEntity.class).setParameter("reference", client.reference()).getResultStream()
                .map(DropOffEntity::value).toList());
    }

    /** One drop-off of this client (of no other), if there is one with this ID. */
    Optional<DropOff> find(Client client, String id) {
        return find(id).filter(dropOff -> dropOff.detachedAt() == null && client.reference() != null
                && client.reference().equals(dropOff.clientReference()));
    }

    /** The drop-offs of deleted clients, kept for the retention, oldest detachment first. */
    List<DropOff> listDetached() {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT d FROM DropOffEntity d"
                + " WHERE d.detachedAt IS NOT NULL ORDER BY d.detachedAt, d.receivedAt", DropOffEntity.class)
                .getResultStream().map(DropOffEntity::value).toList());
    }

    /** One drop-off of a deleted client, if there is one with this ID. */
    Optional<DropOff> findDetached(String id) {
        return find(id).filter(dropOff -> dropOff.detachedAt() != null);
    }

    private Optional<DropOff> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Supports, em -> Optional.ofNullable(em.find(DropOffEntity.class, id))
                .map(DropOffEntity::value));
    }

    /**
     * What belonged to deleted clients: with no retention their drop-offs go (rows and files), else they are
     * detached, kept for administrators until the retention ends. Audited per client.
     *
     * @param deleted the references of clients that no longer exist
     * @return how many drop-offs were detached or deleted
     */
    int detach(Collection<String> deleted, int retentionDays) {
        if (deleted.isEmpty()) {
            return 0;
        }
        return detachWhere("d.clientReference IN :keys", List.copyOf(deleted), retentionDays);
    }

    /**
     * Rows of an earlier version are joined to the client they were received for: the client with their
     * client ID, if it existed by then. Those received before that client was created belonged to a deleted
     * client that had the same ID; they are detached as the deleted clients' are.
     *
     * @return how many were detached
     */
    int joinEarlierRows(ClientRegister register, int retentionDays) {
        List<String> orphans = jpa.txExpr(TransactionType.Required, em -> {
            List<String> unjoined = new ArrayList<>();
            em.createQuery("SELECT d FROM DropOffEntity d WHERE d.clientReference IS NULL AND d.detachedAt IS NULL",
                    DropOffEntity.class).getResultList().forEach(entity -> {
                        DropOff dropOff = entity.value();
                        Optional<Client> owner = register.find(dropOff.clientId())
                                .filter(client -> EarlierRows.writtenFor(client, dropOff.receivedAt()));
                        owner.ifPresentOrElse(client -> entity.joinClient(client.reference()),
                                () -> unjoined.add(dropOff.id()));
                    });
            return unjoined;
        });
        return orphans.isEmpty() ? 0 : detachWhere("d.id IN :keys", orphans, retentionDays);
    }

    private int detachWhere(String condition, List<String> keys, int retentionDays) {
        Instant now = clock.instant();
        List<DropOff> gone = jpa.txExpr(TransactionType.Required, em -> {
            List<DropOffEntity> found = em.createQuery("SELECT d FROM DropOffEntity d WHERE " + condition
                    + " AND d.detachedAt IS NULL", DropOffEntity.class).setParameter("keys", keys).getResultList();
            for (DropOffEntity entity : found) {
                if (retentionDays > 0) {
                    entity.detach(now);
                } else {
                    em.remove(entity);
                }
            }
            List<DropOff> values = found.stream().map(DropOffEntity::value).toList();
            recordPerClient(values, retentionDays > 0
                    ? "detached: the client was deleted; kept " + retentionDays + " day(s) for administrators"
                    : "deleted with the client");
            return values;
        });
        if (retentionDays <= 0) {
            gone.forEach(this::deleteFile);
        }
        return gone.size();
    }

    /** Deletes the detached drop-offs whose retention has ended. @return how many */
    int purgeDetached(int retentionDays) {
        Instant cutoff = clock.instant().minus(Duration.ofDays(Math.max(0, retentionDays)));
        List<DropOff> purged = jpa.txExpr(TransactionType.Required, em -> {
            List<DropOffEntity> found = em.createQuery("SELECT d FROM DropOffEntity d WHERE d.detachedAt IS NOT NULL"
                    + " AND d.detachedAt <= :cutoff", DropOffEntity.class)
                    .setParameter("cutoff", Date.from(cutoff)).getResultList();
            found.forEach(em::remove);
            List<DropOff> values = found.stream().map(DropOffEntity::value).toList();
            recordPerClient(values, "deleted: the retention for deleted clients' drop-offs ended");
            return values;
        });
        purged.forEach(this::deleteFile);
        return purged.size();
    }

    /** One audit entry per client, naming the files, in the transaction that changed them. */
    private void recordPerClient(List<DropOff> dropOffs, String what) {
        dropOffs.stream().collect(Collectors.groupingBy(DropOff::clientId, TreeMap::new, Collectors.toList()))
                .forEach((clientId, ofClient) -> audit.record(Actor.SYSTEM.name(), AuditActions.DROP_OFF_REMOVED,
                        clientId, ofClient.size() + " drop-off(s) " + what + ": " + ofClient.stream()
                                .map(d -> "'" + d.fileName() + "' (" + d.id() + ")")
                                .collect(Collectors.joining(", ")), List.of()));
    }

    private void deleteFile(DropOff dropOff) {
        try {
            Files.deleteIfExists(folder.resolve(dropOff.id()));
        } catch (IOException e) {
            LOG.warn("The file of drop-off {} could not be deleted: {}", dropOff.id(), e.toString());
        }
    }

    InputStream open(DropOff dropOff) throws IOException {
        return Files.newInputStream(folder.resolve(dropOff.id()));
    }

    /** Copies until the end or one byte past the limit. @return the bytes copied */
    private static long copyAtMost(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > maxBytes) {
                return total;
            }
            out.write(buffer, 0, read);
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
