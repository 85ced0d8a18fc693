package org.atrium.registry.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.atrium.api.security.ApiToken;

/** A personal API token: a keyed hash of it, never the token. */
@Entity
@Table(name = "API_TOKEN", indexes = {@Index(name = "API_TOKEN_HASH", columnList = "TOKEN_HASH", unique = true),
    @Index(name = "API_TOKEN_USER", columnList = "USERNAME")})
public class ApiTokenEntity {

    static final int MAX_NAME = 100;

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "USERNAME", length = UserGrantEntity.MAX_USERNAME, nullable = false)
    private String username;

    @Column(name = "NAME", length = MAX_NAME, nullable = false)
    private String name;

    @Column(name = "TOKEN_HASH", length = 64, nullable = false)
    private String hash;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private Instant expiresAt;

    @Column(name = "READ_ONLY", nullable = false)
    private boolean readOnly;

    @Column(name = "LAST_USED_AT")
    private Instant lastUsedAt;

    @Column(name = "REVOKED_AT")
    private Instant revokedAt;

    protected ApiTokenEntity() {
        // for JPA
    }

    ApiTokenEntity(String id, String username, String name, String hash, Instant createdAt, Instant expiresAt,
            boolean readOnly) {
        this.id = id;
        this.username = username;
        this.name = name;
        this.hash = hash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.readOnly = readOnly;
    }

    boolean live(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    String username() {
        return username;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    void used(Instant at) {
        lastUsedAt = at;
    }

    void revoke(Instant at) {
        revokedAt = at;
    }

    ApiToken toValue() {
        return new ApiToken(id, username, name, createdAt, expiresAt, readOnly, lastUsedAt);
    }
}
