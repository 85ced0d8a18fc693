package org.atrium.portal.internal;

import java.time.Instant;
import java.util.Date;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

import org.atrium.api.client.Person;

/**
 * A document a client dropped off: what it is and who sent it; the bytes are in data/atrium/drop-off/{id}. It
 * belongs to the client with {@link #clientReference}, never to whoever has its client ID later. Once that
 * client is deleted it is detached ({@link #detachedAt}): kept for the configured retention, for
 * administrators only.
 */
@Entity
@Table(name = "PORTAL_DROP_OFF", indexes = {
    @Index(name = "IX_PORTAL_DROP_OFF_REFERENCE", columnList = "CLIENT_REFERENCE, RECEIVED_AT"),
    @Index(name = "IX_PORTAL_DROP_OFF_DETACHED", columnList = "DETACHED_AT")
})
public class DropOffEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    /** The client's reference (see Client#reference); null only in rows of earlier versions. */
    @Column(name = "CLIENT_REFERENCE", length = 36)
    private String clientReference;
    /** The client's ID as last known: what administrators see of a deleted client's upload. */
    @Column(name = "CLIENT_ID", nullable = false, length = 40)
    private String clientId;
    /** Lower-case client ID: how rows of earlier versions are joined to their client. */
    @Column(name = "CLIENT_ID_KEY", nullable = false, length = 40)
    private String clientIdKey;
    /** When the portal learnt that the client was deleted; null while the client exists. */
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "DETACHED_AT")
    private Date detachedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "PERSON", nullable = false, length = 10)
    private Person person;
    @Column(name = "FILE_NAME", nullable = false, length = 255)
    private String fileName;
    @Column(name = "CONTENT_TYPE", nullable = false, length = 120)
    private String contentType;
    @Column(name = "SIZE_BYTES", nullable = false)
    private long size;
    @Column(name = "SHA256", nullable = false, length = 64)
    private String sha256;
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "RECEIVED_AT", nullable = false)
    private Date receivedAt;

    protected DropOffEntity() {
        // for JPA
    }

    DropOffEntity(String id, String clientReference, String clientId, Person person, String fileName,
            String contentType, long size, String sha256, Instant receivedAt) {
        this.id = id;
        this.clientReference = clientReference;
        this.clientId = clientId;
        this.clientIdKey = clientId.toLowerCase(java.util.Locale.ROOT);
        this.person = person;
        this.fileName = fileName;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.receivedAt = Date.from(receivedAt);
    }

    void detach(Instant now) {
        detachedAt = Date.from(now);
    }

    /** A row of an earlier version joins the client it was received for. */
    void joinClient(String reference) {
        clientReference = reference;
    }

    DropOff value() {
        return new DropOff(id, clientReference, clientId, person, fileName, contentType, size, sha256,
                receivedAt.toInstant(), detachedAt == null ? null : detachedAt.toInstant());
    }
}
