package org.atrium.registry.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import javax.persistence.Cacheable;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.atrium.api.security.StoredStaffSession;

/**
 * A staff sign-in session: the SHA-256 of its cookie's value, never the value. Not cached: a sign-out on another
 * node must count here at once.
 */
@Entity
@Cacheable(false)
@Table(name = "STAFF_SESSION", indexes = @Index(name = "IX_STAFF_SESSION_USER", columnList = "USERNAME"))
public class StaffSessionEntity {

    static final int MAX_ROLES = 500;

    @Id
    @Column(name = "KEY_HASH", length = 64)
    private String key;

    @Column(name = "USERNAME", length = UserGrantEntity.MAX_USERNAME, nullable = false)
    private String username;

    /** The roles, comma-separated (role names hold no commas: they come from the JAAS realm's groups). */
    @Column(name = "ROLES", length = MAX_ROLES, nullable = false)
    private String roles;

    @Column(name = "CSRF_TOKEN", length = 64, nullable = false)
    private String csrfToken;

    @Column(name = "SIGNED_IN_AT", nullable = false)
    private Instant signedInAt;

    @Column(name = "LAST_SEEN_AT", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "PENDING_STEP", length = 32)
    private String pendingStep;

    @Column(name = "BROWSER", length = StoredStaffSession.MAX_BROWSER)
    private String browser;

    protected StaffSessionEntity() {
        // for JPA
    }

    StaffSessionEntity(StoredStaffSession session) {
        String joined = String.join(",", session.roles());
        if (joined.length() > MAX_ROLES) {
            throw new IllegalArgumentException("a session's roles are longer than " + MAX_ROLES + " characters");
        }
        this.key = session.key();
        this.username = session.user();
        this.roles = joined;
        this.csrfToken = session.csrfToken();
        this.signedInAt = session.signedInAt();
        this.lastSeenAt = session.lastSeenAt();
        this.pendingStep = session.pendingStep();
        this.browser = session.browser();
    }

    void lastSeenAt(Instant at) {
        lastSeenAt = at;
    }

    void pendingStep(String step) {
        pendingStep = step;
    }

    StoredStaffSession toValue() {
        Set<String> roleSet = roles.isEmpty() ? Set.of()
                : Arrays.stream(roles.split(",")).collect(Collectors.toUnmodifiableSet());
        return new StoredStaffSession(key, username, roleSet, csrfToken, signedInAt, lastSeenAt, pendingStep, browser);
    }
}
