package org.atrium.portal.internal;

import java.time.Instant;
import java.util.Date;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/**
 * Something the firm delivered to a person's email address (an onboarding email, and whatever else a bundle
 * sends tagged with the client), listed in the portal for that client (by reference) and address only.
 */
@Entity
@Table(name = "PORTAL_ITEM", indexes = @Index(name = "IX_PORTAL_ITEM_EMAIL", columnList = "EMAIL_KEY, DELIVERED_AT"))
public class PortalItemEntity {

    @Id
    @Column(name = "MAIL_ID", length = 64)
    private String mailId;
    @Column(name = "EMAIL_KEY", nullable = false, length = 254)
    private String emailKey;
    /** The client's reference (see Client#reference); null only in rows of earlier versions. */
    @Column(name = "CLIENT_REFERENCE", length = 36)
    private String clientReference;
    @Column(name = "CLIENT_ID", nullable = false, length = 40)
    private String clientId;
    /** When the portal learnt that the client was deleted; null while the client exists. */
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "DETACHED_AT")
    private Date detachedAt;
    @Column(name = "TITLE", nullable = false, length = 300)
    private String title;
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "DELIVERED_AT", nullable = false)
    private Date deliveredAt;

    protected PortalItemEntity() {
        // for JPA
    }

    PortalItemEntity(String mailId, String emailKey, String clientReference, String clientId, String title,
            Instant deliveredAt) {
        this.mailId = mailId;
        this.emailKey = emailKey;
        this.clientReference = clientReference;
        this.clientId = clientId;
        this.title = title.length() > 300 ? title.substring(0, 300) : title;
        this.deliveredAt = Date.from(deliveredAt);
    }

    /** A row of an earlier version joins its client, or is detached if that client is gone. */
    void joinClient(String reference, Instant now) {
        if (reference == null) {
            detachedAt = Date.from(now);
        } else {
            clientReference = reference;
        }
    }

    String clientId() {
        return clientId;
    }

    Instant deliveredAt() {
        return deliveredAt.toInstant();
    }

    PortalItem value() {
        return new PortalItem(title, deliveredAt.toInstant());
    }
}
