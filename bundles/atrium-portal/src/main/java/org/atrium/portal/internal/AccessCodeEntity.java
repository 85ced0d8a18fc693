package org.atrium.portal.internal;

import java.time.Instant;
import java.util.Date;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

import org.atrium.api.client.Person;

/**
 * The sign-in state of one person, by their email (unique across clients at any one time): the hash of their
 * current access code, its expiry and wrong tries, the lock, and how many codes were sent in the current
 * window. It belongs to the client with {@link #clientReference}: an address that passes to a later client
 * (after a delete, or an email change) starts afresh, with no code, lock or count of the earlier one.
 */
@Entity
@Table(name = "PORTAL_ACCESS_CODE")
public class AccessCodeEntity {

    @Id
    @Column(name = "EMAIL_KEY", length = 254)
    private String emailKey;
    /** The client's reference (see Client#reference); null only in rows of earlier versions. */
    @Column(name = "CLIENT_REFERENCE", length = 36)
    private String clientReference;
    /** The client ID when the state was last written, for logs and the audit trail. */
    @Column(name = "CLIENT_ID", nullable = false, length = 40)
    private String clientId;
    @Enumerated(EnumType.STRING)
    @Column(name = "PERSON", nullable = false, length = 10)
    private Person person;
    /** HMAC-SHA256 of email and code under the portal's key; null when no code is open. */
    @Column(name = "CODE_HASH", length = 64)
    private String codeHash;
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CODE_EXPIRES_AT")
    private Date codeExpiresAt;
    /** Who of the staff gave the open code, if staff did: for whoever reads the table after an incident. */
    @Column(name = "ISSUED_BY_STAFF", length = 100)
    private String issuedByStaff;
    @Column(name = "WRONG_TRIES", nullable = false)
    private int wrongTries;
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "LOCKED_UNTIL")
    private Date lockedUntil;
    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "WINDOW_STARTED_AT")
    private Date windowStartedAt;
    @Column(name = "SENDS_IN_WINDOW", nullable = false)
    private int sendsInWindow;

    protected AccessCodeEntity() {
        // for JPA
    }

    AccessCodeEntity(String emailKey, String clientReference, String clientId, Person person) {
        this.emailKey = emailKey;
        this.clientReference = clientReference;
        this.clientId = clientId;
        this.person = person;
    }

    /** Whether this state is the one of that person (same client, same role), not of an earlier owner of the address. */
    boolean belongsTo(String reference, Person who) {
        return reference != null && reference.equals(clientReference) && who == person;
    }

    /** The address now belongs to another person: nothing of the earlier owner's state carries over. */
    void startOver(String reference, String clientIdNow, Person personNow) {
        close();
        lockedUntil = null;
        windowStartedAt = null;
        sendsInWindow = 0;
        clientReference = reference;
        clientId = clientIdNow;
        person = personNow;
    }

    /** A row of an earlier version joins the client it was written for. */
    void joinClient(String reference) {
        clientReference = reference;
    }

    String emailKey() {
        return emailKey;
    }

    boolean locked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil.toInstant());
    }

    Instant lockedUntil() {
        return lockedUntil == null ? null : lockedUntil.toInstant();
    }

    /** Counts a send in the window; false if the window's sends are used up. */
    boolean takeSend(Instant now, java.time.Duration window, int allowed) {
        if (windowStartedAt == null || !now.isBefore(windowStartedAt.toInstant().plus(window))) {
            windowStartedAt = Date.from(now);
            sendsInWindow = 0;
        }
        if (sendsInWindow >= allowed) {
            return false;
        }
        sendsInWindow++;
        return true;
    }

    /** A new code replaces any open one; its wrong tries start from zero. */
    void open(String hash, Instant expiresAt, String staffUser, String clientIdNow, Person personNow) {
        codeHash = hash;
        codeExpiresAt = Date.from(expiresAt);
        issuedByStaff = staffUser;
        wrongTries = 0;
        clientId = clientIdNow;
        person = personNow;
    }

    boolean hasOpenCode(Instant now) {
        return codeHash != null && codeExpiresAt != null && now.isBefore(codeExpiresAt.toInstant());
    }

    String codeHash() {
        return codeHash;
    }

    /** A wrong code; at the last allowed try the code is closed and sign-in locked. @return true if locked now */
    boolean wrongTry(Instant now, int maxWrong, java.time.Duration lock) {
        wrongTries++;
        if (wrongTries >= maxWrong) {
            close();
            lockedUntil = Date.from(now.plus(lock));
            return true;
        }
        return false;
    }

    /** The code was used (single use) or withdrawn. */
    void close() {
        codeHash = null;
        codeExpiresAt = null;
        issuedByStaff = null;
        wrongTries = 0;
    }

    void unlock() {
        lockedUntil = null;
        wrongTries = 0;
    }

    String clientId() {
        return clientId;
    }

    Person person() {
        return person;
    }
}
