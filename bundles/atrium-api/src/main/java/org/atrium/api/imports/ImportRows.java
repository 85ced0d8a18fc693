package org.atrium.api.imports;

import org.atrium.api.client.ClientData;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The rows of an import file, read from the start each time {@link #read} is called, so that a register can
 * check every row and then write them without holding the whole file in memory.
 */
@ConsumerType
public interface ImportRows {

    /** Receives one row. */
    @FunctionalInterface
    interface RowHandler {
        /**
         * @param row the row number as a spreadsheet shows it (the header is row 1)
         */
        void row(long row, ClientData data);
    }

    /** Calls {@code handler} for every row, in file order. */
    void read(RowHandler handler);
}
