package org.atrium.api.client;

import java.util.List;

/** What a bulk action did: how many clients it was asked to process, how many succeeded, which failed. */
public record BulkResult(int requested, int succeeded, List<Failure> failed) {

    public BulkResult {
        failed = List.copyOf(failed);
    }

    /** A client the action could not be applied to, and why. */
    public record Failure(String clientId, String reason) {
    }
}
