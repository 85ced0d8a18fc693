package org.atrium.rest.internal;

import java.util.List;

import org.atrium.api.client.BulkResult;

/**
 * A bulk action running in the background, as {@code GET /bulk-jobs/{id}} answers it.
 *
 * @param state QUEUED (not started), RUNNING, WAITING (for what {@code waitingFor} names: the action's
 *        bundle, the mailer...; it goes on by itself) or DONE
 * @param failed the first {@link BulkJobFiles#FAILURES_SHOWN} failures; {@code failedCount} counts them all
 */
public record BulkJobStatus(String id, String action, String state, int requested, int processed, int succeeded,
        int failedCount, List<BulkResult.Failure> failed, String submittedBy, String submittedAt, String finishedAt,
        String waitingFor) {
}
