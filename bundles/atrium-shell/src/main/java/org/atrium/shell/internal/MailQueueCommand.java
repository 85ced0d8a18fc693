package org.atrium.shell.internal;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.mail.MailState;
import org.atrium.api.mail.Mailer;
import org.atrium.api.mail.QueuedMail;

/** Available while the atrium-mailer feature is installed. */
@Service
@Command(scope = "atrium", name = "mail-queue", description = "Shows the outgoing mail queue, newest first (IDs: first 8 characters)")
public class MailQueueCommand implements Action {

    @Option(name = "--state", description = "QUEUED, SENT or FAILED (default: all)")
    @Completion(value = StringsCompleter.class, values = {"QUEUED", "SENT", "FAILED"})
    String state;

    @Option(name = "--limit", description = "At most this many messages")
    int limit = 50;

    @Reference
    Mailer mailer;

    private static String details(QueuedMail mail) {
        String when = mail.state() == MailState.QUEUED ? "next try " + ConsoleTables.minute(mail.nextAttemptAt())
                : "ended " + ConsoleTables.minute(mail.finishedAt());
        return String.join(", ", mail.to()) + "; " + mail.subject() + "; " + when
                + (mail.lastError() == null ? "" : "; " + mail.lastError());
    }

    @Override
    public Object execute() {
        List<QueuedMail> messages = mailer.queue(state == null ? null : MailState.valueOf(state.toUpperCase(Locale.ROOT)),
                limit);
        ShellTable table = ConsoleTables.fitted();
        table.column("ID");
        table.column("Queued (UTC)");
        table.column("State");
        table.column("Tries").alignRight();
        table.column("To, subject, next try or end, last error").wrap();
        for (QueuedMail mail : messages) {
            table.addRow().addContent(ConsoleTables.shortId(mail.id()), ConsoleTables.minute(mail.queuedAt()),
                    mail.state(), mail.attempts(), details(mail));
        }
        table.print(System.out);
        return null;
    }
}
