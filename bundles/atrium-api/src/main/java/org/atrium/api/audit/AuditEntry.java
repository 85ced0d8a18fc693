package org.atrium.api.audit;

import java.time.Instant;
import java.util.List;

/**
 * One recorded event of the audit trail.
 *
 * @param user who did it (the user name; for a failed sign-in, the name that was tried)
 * @param action what was done, one of {@link AuditActions} or an action a bundle defines
 * @param clientId the client concerned, if any
 * @param subject what else was acted on, e.g. {@code office 2} or {@code user alice}; may be {@code null}
 */
public record AuditEntry(long id, Instant at, String user, String action, String clientId, String subject,
        List<FieldChange> changes) {

    public AuditEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
