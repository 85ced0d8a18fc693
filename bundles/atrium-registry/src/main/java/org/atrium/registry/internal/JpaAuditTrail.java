package org.atrium.registry.internal;

import java.time.Clock;
import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.audit.AuditEntry;
import org.atrium.api.audit.AuditQuery;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.Page;
import org.atrium.api.database.DatabaseSchema;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit trail in the "atrium" persistence unit, beside the clients it describes. */
@Component(service = AuditTrail.class,
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=register)"))
public class JpaAuditTrail implements AuditTrail {

    private final JpaTemplate jpa;
    private final Clock clock;

    @Activate
    public JpaAuditTrail(@Reference(target = "(osgi.unit.name=atrium)") JpaTemplate jpa) {
        this(jpa, Clock.systemUTC());
    }

    JpaAuditTrail(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Override
    public void record(String user, String action, String clientId, String subject, List<FieldChange> changes) {
        jpa.tx(TransactionType.Required, em -> AuditLog.append(em, clock.instant(), user, action, clientId, subject,
                changes == null ? List.of() : changes));
    }

    @Override
    public Page<AuditEntry> search(AuditQuery query) {
        return jpa.txExpr(TransactionType.Supports, em -> AuditLog.search(em, query));
    }
}
