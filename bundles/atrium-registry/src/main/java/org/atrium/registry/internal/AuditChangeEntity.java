package org.atrium.registry.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

import org.atrium.api.audit.FieldChange;

/** One field change of an {@link AuditEntity}; insert-only like its entry. */
@Entity
@Table(name = "AUDIT_CHANGE", indexes = @Index(name = "IX_AUDIT_CHANGE_EVENT", columnList = "AUDIT_ID, POSITION"))
public class AuditChangeEntity {

    static final int MAX_FIELD = 60;
    static final int MAX_VALUE = 1000;

    @Id
    @TableGenerator(name = "AUDIT_CHANGE_PK", table = "ID_GENERATOR", pkColumnName = "NAME",
            valueColumnName = "NEXT_VALUE", allocationSize = 200)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "AUDIT_CHANGE_PK")
    @Column(name = "ID")
    private long id;

    @Column(name = "AUDIT_ID", nullable = false)
    private long auditId;

    /** Order of the fields within the entry. */
    @Column(name = "POSITION", nullable = false)
    private int position;

    @Column(name = "FIELD_NAME", nullable = false, length = MAX_FIELD)
    private String field;

    @Column(name = "FROM_VALUE", length = MAX_VALUE)
    private String fromValue;

    @Column(name = "TO_VALUE", length = MAX_VALUE)
    private String toValue;

    protected AuditChangeEntity() {
        // for JPA
    }

    AuditChangeEntity(long auditId, int position, FieldChange change) {
        this.auditId = auditId;
        this.position = position;
        this.field = AuditLog.cut(change.field(), MAX_FIELD);
        this.fromValue = AuditLog.cut(change.from(), MAX_VALUE);
        this.toValue = AuditLog.cut(change.to(), MAX_VALUE);
    }

    long auditId() {
        return auditId;
    }

    FieldChange toValue() {
        return new FieldChange(field, fromValue, toValue);
    }
}
