package org.atrium.shell.internal;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.mail.MailState;
import org.atrium.api.mail.Mailer;
import org.atrium.api.mail.QueuedMail;

/** Available while the atrium-mailer feature is installed. */
@Service
@Command(scope = "atrium", name = "mail-queue", description = "Shows the outgoing mail queue, newest first")
public class MailQueueCommand implements Action {

    @Option(name = "--state", description = "QUEUED, SENT or FAILED (default: all)")
    String state;

    @Option(name = "--limit", description = "At most this many messages")
    int limit = 50;

    @Reference
    Mailer mailer;

    @Override
    public Object execute() {
        List<QueuedMail> messages = mailer.queue(state == null ? null : MailState.valueOf(state.toUpperCase(Locale.ROOT)),
                limit);
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Queued (UTC)");
        table.column("State");
        table.column("Tries").alignRight();
        table.column("To");
        table.column("Subject").maxSize(40);
        table.column("Next try / finished");
        table.column("Last error").maxSize(60);
        for (QueuedMail mail : messages) {
            table.addRow().addContent(mail.id(), mail.queuedAt(), mail.state(), mail.attempts(),
                    String.join(", ", mail.to()), mail.subject(),
                    mail.state() == MailState.QUEUED ? mail.nextAttemptAt() : mail.finishedAt(),
                    mail.lastError() == null ? "" : mail.lastError());
        }
        table.print(System.out);
        return null;
    }
}
