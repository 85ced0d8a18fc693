package org.atrium.registry.internal;

import java.time.Instant;
import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

import org.atrium.api.audit.AuditEntry;
import org.atrium.api.audit.FieldChange;

/**
 * One audit trail entry. Rows are only ever inserted: there is no setter, and no code path updates or
 * deletes them. The client ID is kept as text, not as a reference, so the trail outlives the client.
 */
@Entity
@Table(name = "AUDIT_EVENT", indexes = {
    @Index(name = "IX_AUDIT_CLIENT", columnList = "CLIENT_ID_KEY, ID"),
    @Index(name = "IX_AUDIT_USER", columnList = "USER_NAME, ID"),
    @Index(name = "IX_AUDIT_AT", columnList = "AT_TIME")
})
public class AuditEntity {

    public static final int MAX_USER = 100;
    static final int MAX_ACTION = 40;
    static final int MAX_SUBJECT = 200;

    @Id
    @TableGenerator(name = "AUDIT_PK", table = "ID_GENERATOR", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "AUDIT_PK")
    @Column(name = "ID")
    private long id;

    @Column(name = "AT_TIME", nullable = false)
    private Instant at;

    @Column(name = "USER_NAME", nullable = false, length = MAX_USER)
    private String user;

    @Column(name = "ACTION", nullable = false, length = MAX_ACTION)
    private String action;

    @Column(name = "CLIENT_ID", length = 40)
    private String clientId;
    @Column(name = "CLIENT_ID_KEY", length = 40)
    private String clientIdKey;

    @Column(name = "SUBJECT", length = MAX_SUBJECT)
    private String subject;

    /** The field changes, see {@link AuditChanges}. */
    @Column(name = "CHANGES", length = AuditChanges.MAX_TEXT)
    private String changes;

    /** Every column, in the order of {@link #columnValues()}, for imports' JDBC batches. */
    public static final List<String> COLUMNS = List.of("ID", "AT_TIME", "USER_NAME", "ACTION", "CLIENT_ID", "CLIENT_ID_KEY",
            "SUBJECT", "CHANGES");

    protected AuditEntity() {
        // for JPA
    }

    public AuditEntity(Instant at, String user, String action, String clientId, String subject, List<FieldChange> changes) {
        this.at = at;
        this.user = AuditLog.cut(user, MAX_USER);
        this.action = AuditLog.cut(action, MAX_ACTION);
        this.clientId = clientId;
        this.clientIdKey = ClientRules.clientIdKey(clientId);
        this.subject = AuditLog.cut(subject, MAX_SUBJECT);
        this.changes = AuditChanges.encode(changes);
    }

    public Object[] columnValues(long newId) {
        return new Object[] {newId, java.sql.Timestamp.from(at), user, action, clientId, clientIdKey, subject, changes};
    }

    AuditEntry toValue() {
        return new AuditEntry(id, at, user, action, clientId, subject, AuditChanges.decode(changes));
    }
}
