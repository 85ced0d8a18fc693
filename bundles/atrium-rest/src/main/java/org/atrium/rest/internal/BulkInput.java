package org.atrium.rest.internal;

import java.util.List;

/**
 * The body of {@code POST /clients/bulk}: an action and either the client IDs or a filter that selects
 * every matching client (all pages).
 */
public record BulkInput(String action, List<String> clientIds, FilterInput filter) {

    /** The same filter as the list's query parameters. */
    public record FilterInput(String q, String status, Boolean portalAccess, Integer office, Boolean invitationFailed) {
    }
}
