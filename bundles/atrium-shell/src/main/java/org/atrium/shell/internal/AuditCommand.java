package org.atrium.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.audit.AuditEntry;
import org.atrium.api.audit.AuditQuery;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.client.Page;

@Service
@Command(scope = "atrium", name = "audit", description = "Shows the audit trail, newest first")
public class AuditCommand implements Action {

    @Option(name = "--client", description = "Only entries about this client ID")
    @Completion(ClientIdCompleter.class)
    String clientId;

    @Option(name = "--user", description = "Only entries by this user")
    String user;

    @Option(name = "--from", description = "From a UTC date (2026-11-22) or instant (2026-11-22T08:00:00Z)")
    String from;

    @Option(name = "--to", description = "Up to this date (included) or instant (excluded)")
    String to;

    @Option(name = "--page", description = "Zero-based page number")
    int page = 0;

    @Option(name = "--size", description = "Entries per page (1-500)")
    int size = AuditQuery.DEFAULT_SIZE;

    private static final int USER_WIDTH = 12;

    @Reference
    AuditTrail trail;

    @Override
    public Object execute() {
        Page<AuditEntry> result = trail.search(new AuditQuery(clientId, user, AuditQuery.bound(from, false), AuditQuery.bound(to, true),
                page, size));
        ShellTable table = ConsoleTables.fitted();
        table.column("Time (UTC)");
        table.column("User").maxSize(USER_WIDTH);
        table.column("Action");
        table.column("Client, subject and changes").wrap();
        for (AuditEntry entry : result.items()) {
            table.addRow().addContent(ConsoleTables.minute(entry.at()), entry.user(), entry.action(), details(entry));
        }
        table.print(System.out);
        System.out.println(result.items().size() + " of " + result.total() + " entries");
        return null;
    }

    private static String details(AuditEntry entry) {
        List<String> parts = new ArrayList<>();
        if (entry.clientId() != null) {
            parts.add(entry.clientId());
        }
        if (entry.subject() != null) {
            parts.add(entry.subject());
        }
        entry.changes().forEach(c -> parts.add(c.field() + ": " + value(c.from()) + " -> " + value(c.to())));
        return String.join("; ", parts);
    }

    private static String value(String value) {
        return value == null ? "(empty)" : value;
    }
}
