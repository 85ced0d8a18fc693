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
 * A signed-in person: the SHA-256 of the session token (the token itself only the browser holds), the client
 * (by reference) and person it was opened for, and the email it was opened with. A session ends when it
 * expires, on sign-out, when the person's email is no longer that email, or when the client is deleted.
 */
@Entity
@Table(name = "PORTAL_SESSION", indexes = {
    @Index(name = "IX_PORTAL_SESSION_EMAIL", columnList = "EMAIL_KEY"),
    @Index(name = "IX_PORTAL_SESSION_CLIENT", columnList = "CLIENT_REFERENCE")
})
public class PortalSessionEntity {

    @Id
    @Column(name = "TOKEN_HASH", length = 64)
    private String tokenHash;
    @Column(name = "EMAIL_KEY", nullable = false, length = 254)
    private String emailKey;
    /** The client's reference (see Client#reference); null only in rows of earlier versions. */
    @Column(name = "CLIENT_REFERENCE", length = 36)
    private String clientReference;
    @Enumerated(EnumType.STRING)
    @Column(name = "PERSON", length = 10)
    private Person person;
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CREATED_AT", nullable = false)
    private Date createdAt;
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "EXPIRES_AT", nullable = false)
    private Date expiresAt;

    protected PortalSessionEntity() {
        // for JPA
    }

    PortalSessionEntity(String tokenHash, String emailKey, String clientReference, Person person, Instant createdAt,
            Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.emailKey = emailKey;
        this.clientReference = clientReference;
        this.person = person;
        this.createdAt = Date.from(createdAt);
        this.expiresAt = Date.from(expiresAt);
    }

    String emailKey() {
        return emailKey;
    }

    String clientReference() {
        return clientReference;
    }

    Person person() {
        return person;
    }

    Instant createdAt() {
        return createdAt.toInstant();
    }

    /** A row of an earlier version joins the person it was opened for. */
    void joinClient(String reference, Person who) {
        clientReference = reference;
        person = who;
    }

    Instant expiresAt() {
        return expiresAt.toInstant();
    }
}
