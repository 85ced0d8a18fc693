package org.atrium.registry.internal;

import java.util.ArrayList;
import java.util.List;

import org.atrium.api.audit.FieldChange;

/**
 * The field changes of an audit entry in one text column: a line per change, {@code field TAB from TAB to},
 * with tab, line break and backslash escaped and {@code \0} for "empty". One column instead of a row per
 * field keeps an audited insert at two rows (the client and its entry) instead of twenty.
 */
public final class AuditChanges {

    static final int MAX_FIELD = 60;
    static final int MAX_VALUE = 1_000;
    /** Derby's longest VARCHAR. */
    static final int MAX_TEXT = 32_672;

    private static final String EMPTY = "\\0";

    private AuditChanges() {
    }

    static String encode(List<FieldChange> changes) {
        StringBuilder text = new StringBuilder();
        for (FieldChange change : changes) {
            String line = escape(AuditLog.cut(change.field(), MAX_FIELD)) + '\t'
                    + escape(AuditLog.cut(change.from(), MAX_VALUE)) + '\t' + escape(AuditLog.cut(change.to(), MAX_VALUE));
            if (text.length() + line.length() + 1 > MAX_TEXT) {
                break; // cannot happen with the limits above for Atrium's own records; a guard for others
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }

    static List<FieldChange> decode(String text) {
        List<FieldChange> changes = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return changes;
        }
        for (String line : text.split("\n")) {
            String[] parts = line.split("\t", -1);
            changes.add(new FieldChange(unescape(parts[0]), unescape(parts[1]), unescape(parts[2])));
        }
        return changes;
    }

    private static String escape(String value) {
        if (value == null) {
            return EMPTY;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String value) {
        if (value.equals(EMPTY)) {
            return null;
        }
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                text.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
