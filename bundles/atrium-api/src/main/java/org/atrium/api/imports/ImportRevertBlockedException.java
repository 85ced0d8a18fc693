package org.atrium.api.imports;

import java.util.List;

import org.atrium.api.client.AtriumException;

/**
 * An import cannot be reverted because clients it wrote changed since (or were deleted); reverting would
 * lose those changes. Nothing was changed.
 */
public class ImportRevertBlockedException extends AtriumException {
    private static final long serialVersionUID = 1L;
    private final List<String> clientIds;

    public ImportRevertBlockedException(String importId, List<String> clientIds, long more) {
        super("Import " + importId + " cannot be reverted: " + (clientIds.size() + more)
                + " client(s) it wrote changed since: " + String.join(", ", clientIds)
                + (more > 0 ? " and " + more + " more" : "") + ".");
        this.clientIds = List.copyOf(clientIds);
    }

    /** The first clients that block the revert. */
    public List<String> clientIds() {
        return clientIds;
    }
}
