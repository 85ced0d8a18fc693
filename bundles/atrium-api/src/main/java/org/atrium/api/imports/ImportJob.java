package org.atrium.api.imports;

import java.time.Instant;

/**
 * An import job as its submitter sees it.
 *
 * @param stage while running, what the job does: {@code READING} the file, {@code CHECKING} its rows
 *        against the register, {@code WRITING} them; {@code null} otherwise
 * @param rowsTotal the file's data rows, once it was read (0 before)
 * @param rowsProcessed how many rows went through the current stage: the progress
 * @param errorCount problems found (listed in the error CSV, up to its cap)
 * @param reason why a job failed, in words; {@code null} otherwise
 * @param revertedAt when a succeeded import was reverted, or {@code null}
 * @param taxIdsCleared stored SSNs/EINs the file erased (or, for a dry run, would erase)
 */
public record ImportJob(String id, ImportState state, boolean dryRun, String stage, long rowsTotal,
        long rowsProcessed, long created, long updated, long errorCount, String submittedBy, Instant submittedAt,
        Instant finishedAt, String reason, Instant revertedAt, long taxIdsCleared) {

    /** A job that cleared no tax ID (the form before 1.2). */
    public ImportJob(String id, ImportState state, boolean dryRun, String stage, long rowsTotal, long rowsProcessed,
            long created, long updated, long errorCount, String submittedBy, Instant submittedAt, Instant finishedAt,
            String reason, Instant revertedAt) {
        this(id, state, dryRun, stage, rowsTotal, rowsProcessed, created, updated, errorCount, submittedBy,
                submittedAt, finishedAt, reason, revertedAt, 0);
    }
}
