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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.ws.rs.core.Response.Status;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.client.PortalPerson;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Drop-off uploads: the bytes in data/atrium/drop-off/{id} (owner-only, no name or extension of the
 * client's, nothing there is ever executed or served by path), what they are in the database. A file is
 * written beside and moved into place only once its row is committed, so a failed upload leaves nothing.
 */
@Component(service = DropOffStore.class)
public class DropOffStore {

    private static final int HEAD = 8192;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final JpaTemplate jpa;
    private final AuditTrail audit;
    private final Path folder;
    private final Clock clock;

    @Activate
    public DropOffStore(@Reference(target = "(osgi.unit.name=atrium-portal)") JpaTemplate jpa,
            @Reference AuditTrail audit, BundleContext context) {
        this(jpa, audit, PortalFolders.data(context).resolve("drop-off"), Clock.systemUTC());
    }

    DropOffStore(JpaTemplate jpa, AuditTrail audit, Path folder, Clock clock) {
        this.jpa = jpa;
        this.audit = audit;
        this.folder = folder;
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
            DropOff received = new DropOff(id, person.client().clientId(), person.person(), name, contentType, size,
                    HexFormat.of().formatHex(sha256.digest()), clock.instant());
            jpa.tx(TransactionType.Required, em -> {
                em.persist(new DropOffEntity(received.id(), received.clientId(), received.person(), received.fileName(),
                        received.contentType(), received.size(), received.sha256(), received.receivedAt()));
                audit.record(PortalPerson.auditName(received.clientId(), received.person()),
                        AuditActions.DROP_OFF_RECEIVED, received.clientId(), "'" + name + "', " + size + " bytes, "
                                + contentType, List.of());
            });
            Files.move(partial, folder.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            return received;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The client's drop-offs, newest first. */
    List<DropOff> list(String clientId) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT d FROM DropOffEntity d"
                + " WHERE d.clientIdKey = :key ORDER BY d.receivedAt DESC", DropOffEntity.class)
                .setParameter("key", clientId.toLowerCase(Locale.ROOT)).getResultStream().map(DropOffEntity::value)
                .toList());
    }

    /** One drop-off of this client (of no other), if there is one with this ID. */
    Optional<DropOff> find(String clientId, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Supports, em -> Optional.ofNullable(em.find(DropOffEntity.class, id))
                .map(DropOffEntity::value).filter(dropOff -> dropOff.clientId().equalsIgnoreCase(clientId)));
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
