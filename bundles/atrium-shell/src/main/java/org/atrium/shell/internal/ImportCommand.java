package org.atrium.shell.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.atrium.api.imports.ClientImportJobs;
import org.atrium.api.imports.ImportJob;
import org.atrium.api.imports.ImportState;
import org.atrium.api.security.Actor;

/** Available while the atrium-importer feature is installed. */
@Service
@Command(scope = "atrium", name = "import", description = "Imports clients from a CSV file in the template's format")
public class ImportCommand implements Action {

    /** Error lines shown on the console; the error CSV has them all. */
    static final int SHOWN_ERRORS = 20;

    @Argument(index = 0, name = "file", required = true, description = "The CSV file, on the server")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--dry-run", description = "Check every row, write nothing")
    boolean dryRun;

    @Option(name = "--wait", description = "Show the progress and the outcome instead of returning at once")
    boolean waitForIt;

    @Reference
    ClientImportJobs imports;

    @Override
    public Object execute() throws IOException, InterruptedException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            System.out.println("No such file: " + path.toAbsolutePath());
            return null;
        }
        // the console is for administrators; the audit trail names the console user
        Actor actor = Actor.administrator(InviteCommand.consoleUser());
        ImportJob job = imports.submit(Files.newInputStream(path), actor, dryRun);
        System.out.println("Import job " + job.id() + " queued" + (dryRun ? " (dry run: nothing is written)" : "")
                + ".");
        if (!waitForIt) {
            System.out.println("Follow it with atrium:import-jobs.");
            return null;
        }
        while (!job.state().finished()) {
            job = imports.await(job.id(), actor, Duration.ofSeconds(1));
            System.out.print("\r" + progress(job) + "          ");
            System.out.flush();
        }
        System.out.println();
        System.out.println(outcome(job));
        if (job.state() == ImportState.FAILED) {
            printErrors(imports.errors(job.id(), actor));
        }
        return null;
    }

    static String progress(ImportJob job) {
        if (job.state() == ImportState.QUEUED) {
            return "Waiting for the import before it...";
        }
        if (job.state().finished()) {
            return "Done: " + job.rowsTotal() + " rows.";
        }
        String of = job.rowsTotal() > 0 && !"READING".equals(job.stage()) ? " of " + job.rowsTotal() : "";
        return job.stage() + ": " + job.rowsProcessed() + of + " rows";
    }

    static String outcome(ImportJob job) {
        if (job.state() == ImportState.SUCCEEDED) {
            return job.dryRun()
                    ? "Dry run passed: " + job.created() + " clients would be created, " + job.updated() + " updated."
                    : "Import succeeded: " + job.created() + " clients created, " + job.updated() + " updated.";
        }
        return "Import failed: " + job.reason();
    }

    private static void printErrors(Optional<InputStream> errors) throws IOException {
        if (errors.isEmpty()) {
            return;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(errors.get(), StandardCharsets.UTF_8))) {
            lines.lines().skip(1).limit(SHOWN_ERRORS).forEach(line -> System.out.println("  " + line));
        }
    }
}
