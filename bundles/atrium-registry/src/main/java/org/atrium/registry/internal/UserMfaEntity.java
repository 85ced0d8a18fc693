package org.atrium.registry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A user's second factor: the authenticator's secret (encrypted), the one being set up, the last time step
 * used (a code works once), and the keyed hashes of the unused recovery codes.
 */
@Entity
@Table(name = "USER_MFA")
public class UserMfaEntity {

    @Id
    @Column(name = "USERNAME", length = UserGrantEntity.MAX_USERNAME)
    private String username;

    @Column(name = "SECRET", length = 200)
    private String secret;

    @Column(name = "PENDING_SECRET", length = 200)
    private String pendingSecret;

    @Column(name = "LAST_STEP", nullable = false)
    private long lastStep;

    @Column(name = "ENROLLED_AT")
    private Instant enrolledAt;

    /** The hashes of unused recovery codes, comma-separated. */
    @Column(name = "RECOVERY_HASHES", length = 1000)
    private String recoveryHashes;

    protected UserMfaEntity() {
        // for JPA
    }

    UserMfaEntity(String username) {
        this.username = username;
    }

    boolean enrolled() {
        return secret != null;
    }

    String secret() {
        return secret;
    }

    String pendingSecret() {
        return pendingSecret;
    }

    void pending(String encryptedSecret) {
        pendingSecret = encryptedSecret;
    }

    /** The pending secret becomes the user's, with new recovery codes; earlier codes stop working. */
    void confirm(Instant at, long usedStep, List<String> recoveryCodeHashes) {
        secret = pendingSecret;
        pendingSecret = null;
        enrolledAt = at;
        lastStep = usedStep;
        recoveryHashes = String.join(",", recoveryCodeHashes);
    }

    long lastStep() {
        return lastStep;
    }

    void used(long step) {
        lastStep = step;
    }

    /** Uses up a recovery code; false if it is not one of the unused ones. */
    boolean useRecoveryCode(String hash) {
        List<String> unused = new ArrayList<>(recoveryHashes == null || recoveryHashes.isEmpty() ? List.of()
                : List.of(recoveryHashes.split(",")));
        if (!unused.remove(hash)) {
            return false;
        }
        recoveryHashes = String.join(",", unused);
        return true;
    }
}
