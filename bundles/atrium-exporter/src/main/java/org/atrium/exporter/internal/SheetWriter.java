package org.atrium.exporter.internal;

import java.io.IOException;
import java.util.List;

/**
 * Writes one table to a file format. Values are those of {@link Column.CellValue}: String, Boolean, Number,
 * LocalDate, Instant or null; anything else is written as its text.
 */
interface SheetWriter extends AutoCloseable {

    void header(List<String> labels) throws IOException;

    void row(Object[] values) throws IOException;

    /** Completes the file; the output stream stays open. */
    void finish() throws IOException;

    /** Frees what the writer holds (temporary files), finished or not. */
    @Override
    void close() throws IOException;
}
