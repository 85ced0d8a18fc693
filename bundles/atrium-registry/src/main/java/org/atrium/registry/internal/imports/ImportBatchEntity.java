package org.atrium.registry.internal.imports;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.atrium.registry.internal.AuditEntity;
import org.atrium.registry.internal.AuditLog;

/**
 * An import: who applied it, what it did, and whether it was reverted. While its chunks are being written
 * (Derby commits each; see {@link ChunkedImport}) it is {@link #APPLYING}, and the register counts it as not
 * applied.
 */
@Entity
@Table(name = "IMPORT_BATCH")
public class ImportBatchEntity {

    static final int MAX_ID = 64;
    static final String APPLYING = "APPLYING";
    static final String APPLIED = "APPLIED";
    static final String REVERTING = "REVERTING";

    @Id
    @Column(name = "ID", length = MAX_ID)
    private String id;

    @Column(name = "USER_NAME", nullable = false, length = AuditEntity.MAX_USER)
    private String user;

    @Column(name = "APPLIED_AT", nullable = false)
    private Instant appliedAt;

    @Column(name = "CREATED", nullable = false)
    private long created;

    @Column(name = "UPDATED", nullable = false)
    private long updated;

    @Column(name = "REVERTED_AT")
    private Instant revertedAt;

    @Column(name = "STATE", nullable = false, length = 16)
    private String state = APPLIED;

    protected ImportBatchEntity() {
        // for JPA
    }

    ImportBatchEntity(String id, String user, Instant appliedAt) {
        this.id = id;
        this.user = AuditLog.cut(user, AuditEntity.MAX_USER);
        this.appliedAt = appliedAt;
    }

    /** A batch whose chunks are written in transactions of their own: not applied until {@link #counted}. */
    static ImportBatchEntity applying(String id, String user, Instant appliedAt) {
        ImportBatchEntity batch = new ImportBatchEntity(id, user, appliedAt);
        batch.state = APPLYING;
        return batch;
    }

    void counted(long created, long updated) {
        this.created = created;
        this.updated = updated;
        state = APPLIED;
    }

    /** Applied, and not being reverted chunk by chunk. */
    boolean applied() {
        return APPLIED.equals(state);
    }

    /** A revert that commits chunk by chunk has begun; once begun, it is carried on to the end. */
    void reverting() {
        state = REVERTING;
    }

    boolean isReverting() {
        return REVERTING.equals(state);
    }

    void reverted(Instant at) {
        revertedAt = at;
        state = APPLIED;
    }

    String id() {
        return id;
    }

    long created() {
        return created;
    }

    long updated() {
        return updated;
    }

    Instant revertedAt() {
        return revertedAt;
    }
}
