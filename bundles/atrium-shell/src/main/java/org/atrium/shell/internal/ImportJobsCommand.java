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
@Command(scope = "atrium", name = "import-jobs", description = "Lists import jobs, newest first")
public class ImportJobsCommand implements Action {

    @Option(name = "--limit", description = "At most this many jobs")
    int limit = 20;

    @Reference
    ClientImportJobs imports;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Submitted (UTC)");
        table.column("By");
        table.column("State");
        table.column("Progress");
        table.column("Created").alignRight();
        table.column("Updated").alignRight();
        table.column("Problems").alignRight();
        table.column("Reason").maxSize(60);
        for (ImportJob job : imports.list(Actor.administrator(InviteCommand.consoleUser()), limit)) {
            table.addRow().addContent(job.id(), job.submittedAt(), job.submittedBy(),
                    job.state() + (job.dryRun() ? " (dry run)" : "") + (job.revertedAt() != null ? ", reverted" : ""),
                    ImportCommand.progress(job), job.created(), job.updated(), job.errorCount(),
                    job.reason() == null ? "" : job.reason());
        }
        table.print(System.out);
        return null;
    }
}
