package org.atrium.api.audit;

import java.util.List;

import org.atrium.api.client.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit trail: who did what to which client, office, grant or setting, and when. It can only grow:
 * nothing in Atrium edits or deletes an entry. The client register, offices and grants record their own
 * changes in the same transaction as the change; other bundles record theirs here.
 */
@ProviderType
public interface AuditTrail {

    /**
     * Appends an entry, stamped with the current time. Joins the caller's transaction if there is one, so
     * the entry and the change it describes are written together or not at all.
     *
     * @param changes never with a full tax ID
     */
    void record(String user, String action, String clientId, String subject, List<FieldChange> changes);

    Page<AuditEntry> search(AuditQuery query);
}
