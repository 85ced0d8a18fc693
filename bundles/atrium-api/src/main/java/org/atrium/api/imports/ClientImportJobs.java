package org.atrium.api.imports;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.security.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Imports of client CSV files (the template's columns) as background jobs, one at a time in submission
 * order. A job checks every row first and writes nothing unless all pass; then it creates the new clients
 * and overwrites the existing ones, all or nothing (see {@link ImportLedger#apply}). The submitter is emailed the outcome when the mailer
 * is installed. Jobs and their uploads are kept on disk: a queued job survives a restart or an update of
 * the importer, a running one interrupted that way ends {@code FAILED} with nothing written.
 * <p>
 * Staff see and act on their own jobs, administrators on all.
 */
@ProviderType
public interface ClientImportJobs {

    /** The file name of the template. */
    String TEMPLATE_FILE_NAME = "atrium-client-import-template.csv";

    /** The template: the header row, exactly. */
    String template();

    /**
     * Stores the file and queues a job for it; returns at once.
     *
     * @param dryRun check only: report the problems, write nothing
     * @throws ImportUploadException if the file is larger than the configured limit (nothing is kept)
     */
    ImportJob submit(InputStream csv, Actor submitter, boolean dryRun) throws IOException;

    /** @throws org.atrium.api.client.UnknownItemException if there is no such job the viewer may see */
    ImportJob get(String jobId, Actor viewer);

    /** The most recent jobs the viewer may see, newest first. */
    List<ImportJob> list(Actor viewer, int limit);

    /**
     * The problems of a finished job as CSV ({@code Row,Client ID,Column,Message}), empty if there were none.
     *
     * @throws org.atrium.api.client.UnknownItemException if there is no such job the viewer may see
     */
    Optional<InputStream> errors(String jobId, Actor viewer) throws IOException;

    /**
     * Undoes a succeeded import (see {@link org.atrium.api.client.ClientRegister#revertImport}).
     *
     * @throws org.atrium.api.imports.ImportRevertBlockedException if clients it wrote changed since
     */
    ImportJob revert(String jobId, Actor actor);

    /** Blocks until the job has finished or the time is up, and returns it as it is then. */
    ImportJob await(String jobId, Actor viewer, Duration timeout) throws InterruptedException;
}
