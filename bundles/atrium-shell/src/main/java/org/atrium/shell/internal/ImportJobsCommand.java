package org.atrium.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.imports.ClientImportJobs;
import org.atrium.api.imports.ImportJob;
import org.atrium.api.security.Actor;

/** Available while the atrium-importer feature is installed. */
@Service
@Command(scope = "atrium", name = "import-jobs", description = "Lists import jobs, newest first (IDs: first 8 characters)")
public class ImportJobsCommand implements Action {

    @Option(name = "--limit", description = "At most this many jobs")
    int limit = 20;

    private static final int USER_WIDTH = 12;

    @Reference
    ClientImportJobs imports;

    private static String outcome(ImportJob job) {
        return ImportCommand.progress(job) + "; " + job.created() + " created, " + job.updated() + " updated, "
                + job.errorCount() + " problems" + (job.revertedAt() != null ? "; reverted" : "")
                + (job.reason() == null ? "" : "; " + job.reason());
    }

    @Override
    public Object execute() {
        ShellTable table = ConsoleTables.fitted();
        table.column("ID");
        table.column("Submitted (UTC)");
        table.column("By").maxSize(USER_WIDTH);
        table.column("State");
        table.column("Progress and outcome").wrap();
        for (ImportJob job : imports.list(Actor.administrator(InviteCommand.consoleUser()), limit)) {
            table.addRow().addContent(ConsoleTables.shortId(job.id()), ConsoleTables.minute(job.submittedAt()),
                    job.submittedBy(), job.state() + (job.dryRun() ? " (dry)" : ""), outcome(job));
        }
        table.print(System.out);
        return null;
    }
}
