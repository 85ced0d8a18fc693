package org.atrium.exporter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.SortField;

/** How an export's filter reads in the audit trail: what was asked, with never a full tax ID. */
final class ExportAuditText {

    private static final Pattern NINE_DIGITS = Pattern.compile("\\d{9}");
    private static final Pattern TAX_ID_SEPARATORS = Pattern.compile("[\\s-]");

    private ExportAuditText() {
    }

    static String filter(ClientFilter filter, SortField sort, boolean descending) {
        List<String> parts = new ArrayList<>();
        if (filter.q() != null && !filter.q().isBlank()) {
            parts.add("q=" + maskTaxIdSearch(filter.q().strip()));
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

    /** A search for an SSN/EIN (9 digits, dashes allowed) keeps its last four digits only. */
    static String maskTaxIdSearch(String q) {
        String digits = TAX_ID_SEPARATORS.matcher(q).replaceAll("");
        return NINE_DIGITS.matcher(digits).matches() ? "*****" + digits.substring(5) : q;
    }
}
