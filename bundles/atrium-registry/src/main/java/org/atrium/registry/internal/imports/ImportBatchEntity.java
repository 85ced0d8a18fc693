package org.atrium.registry.internal.imports;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.atrium.registry.internal.AuditEntity;
import org.atrium.registry.internal.AuditLog;

/** An applied import: who applied it, what it did, and whether it was reverted. */
@Entity
@Table(name = "IMPORT_BATCH")
public class ImportBatchEntity {

    static final int MAX_ID = 64;

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

    protected ImportBatchEntity() {
        // for JPA
    }

    ImportBatchEntity(String id, String user, Instant appliedAt) {
        this.id = id;
        this.user = AuditLog.cut(user, AuditEntity.MAX_USER);
        this.appliedAt = appliedAt;
    }

    void counted(long created, long updated) {
        this.created = created;
        this.updated = updated;
    }

    void reverted(Instant at) {
        revertedAt = at;
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
