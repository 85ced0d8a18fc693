package org.atrium.api.export;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;

/** An export checked and ready to write, once. */
@ProviderType
public interface PreparedExport extends AutoCloseable {

    /** A file name for it, dated today, e.g. {@code atrium-clients-2026-11-23.xlsx}. */
    String fileName();

    ExportFormat format();

    /**
     * Records the export in the audit trail (who, filter, columns, whether tax IDs were revealed), then
     * writes every client matching the request that the actor may see to {@code out}, which stays open.
     *
     * @return how many clients were written
     * @throws IllegalStateException if written or closed before
     */
    long writeTo(OutputStream out) throws IOException;

    /** Gives the reservation back; writing has done so already. */
    @Override
    void close();
}
