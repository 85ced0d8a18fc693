package org.atrium.exporter.internal;

import java.io.IOException;
import java.util.List;

/**
 * Writes one table to a file format: a header of the columns' labels, then every row of the feed. Values are
 * those of {@link Column.CellValue}: String, Boolean, Number, LocalDate, Instant or null; anything else is
 * written as its text. The output stream stays open.
 */
interface SheetWriter {

    /** @return how many rows (besides the header) were written */
    long write(List<Column> columns, RowFeed rows) throws IOException;
}
