package org.atrium.api.export;

import java.util.List;

import org.atrium.api.security.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes the client list to a spreadsheet, streaming: memory does not grow with the number of clients.
 * An export is made in two steps, so that a caller answering over HTTP can report a bad request properly
 * before the first byte of the file leaves: {@link #prepare} checks everything, then
 * {@link PreparedExport#writeTo} writes.
 */
@ProviderType
public interface ClientExports {

    /** The columns users can pick: Atrium's own, then those of {@link ExportColumn} services. */
    List<ExportColumnInfo> columns();

    /**
     * Checks the request and reserves one of the exports that may run at the same time. Close the result to
     * give the reservation back (writing does it too).
     *
     * @throws ExportRequestException if a column is unknown or named twice
     * @throws org.atrium.api.client.AccessDeniedException if tax IDs are to be revealed to a non-administrator
     * @throws org.atrium.api.client.ServiceUnavailableException if as many exports as allowed are running
     */
    PreparedExport prepare(ExportRequest request, ExportFormat format, Actor actor);
}
