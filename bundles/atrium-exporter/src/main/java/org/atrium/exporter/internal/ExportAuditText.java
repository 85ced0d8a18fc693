package org.atrium.exporter.internal;

import java.util.ArrayList;
import java.util.List;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.SortField;

/**
 * How an export's filter reads in the audit trail: what was asked, with never a full tax ID (a search for an
 * SSN/EIN keeps its last four digits).
 */
final class ExportAuditText {

    private ExportAuditText() {
    }

    static String filter(ClientFilter filter, SortField sort, boolean descending) {
        List<String> parts = new ArrayList<>();
        if (filter.q() != null && !filter.q().isBlank()) {
            parts.add("q=" + filter.taxIdSearch().map(digits -> "*****" + digits.substring(5))
                    .orElse(filter.q().strip()));
        }
        if (filter.status() != null) {
            parts.add("status=" + filter.status());
        }
        if (filter.portalAccess() != null) {
            parts.add("portalAccess=" + filter.portalAccess());
        }
        if (filter.office() != null) {
            parts.add("office=" + filter.office());
        }
        if (filter.invitationFailed() != null) {
            parts.add("invitationFailed=" + filter.invitationFailed());
        }
        parts.add("sort=" + sort.apiName() + (descending ? ",desc" : ""));
        return String.join(" ", parts);
    }
}
