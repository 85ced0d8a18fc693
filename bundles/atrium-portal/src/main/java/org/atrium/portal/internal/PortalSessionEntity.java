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
 * A signed-in person: the SHA-256 of the session token (the token itself only the browser holds) and the
 * email it was opened for. A session ends when it expires, on sign-out, or when the person's email is no
 * longer that email.
 */
@Entity
@Table(name = "PORTAL_SESSION", indexes = @Index(name = "IX_PORTAL_SESSION_EMAIL", columnList = "EMAIL_KEY"))
public class PortalSessionEntity {

    @Id
    @Column(name = "TOKEN_HASH", length = 64)
    private String tokenHash;
    @Column(name = "EMAIL_KEY", nullable = false, length = 254)
    private String emailKey;
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CREATED_AT", nullable = false)
    private Date createdAt;
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "EXPIRES_AT", nullable = false)
    private Date expiresAt;

    protected PortalSessionEntity() {
        // for JPA
    }

    PortalSessionEntity(String tokenHash, String emailKey, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.emailKey = emailKey;
        this.createdAt = Date.from(createdAt);
        this.expiresAt = Date.from(expiresAt);
    }

    String emailKey() {
        return emailKey;
    }

    Instant expiresAt() {
        return expiresAt.toInstant();
    }
}
