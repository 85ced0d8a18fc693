package org.atrium.rest.internal;

import java.util.List;

/**
 * The body of {@code POST /clients/bulk}: an action and either the client IDs or a filter that selects
 * every matching client (all pages).
 *
 * @param all must be true for a filter that selects every client (an empty one): acting on the whole register
 *        is said, never assumed
 * @param expectedCount how many clients the caller saw the filter select; the action is refused if it now
 *        selects another number
 * @param background true: run as a bulk job whatever the number of clients (more than
 *        {@link ClientResource#SYNC_MAX} always do)
 */
public record BulkInput(String action, List<String> clientIds, FilterInput filter, Boolean all, Integer expectedCount,
        Boolean background) {

    /** The same filter as the list's query parameters. */
    public record FilterInput(String q, String status, Boolean portalAccess, Integer office, Boolean invitationFailed) {

        /** Selects every client: no condition at all. */
        boolean empty() {
            return (q == null || q.isBlank()) && (status == null || status.isBlank()) && portalAccess == null
                    && office == null && invitationFailed == null;
        }
    }
}
