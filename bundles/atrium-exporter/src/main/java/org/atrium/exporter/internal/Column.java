package org.atrium.exporter.internal;

import org.atrium.api.client.Client;

/**
 * One column of an export.
 *
 * @param byDefault part of an export that names no columns
 * @param showsTaxId holds a tax ID: full only when revealing was asked for (and allowed)
 * @param typicalWidth characters a value of the column usually takes (spreadsheet column width)
 */
record Column(String name, String label, boolean byDefault, boolean showsTaxId, int typicalWidth, CellValue value) {

    static final int MIN_WIDTH = 8;
    static final int MAX_WIDTH = 60;

    /** Wide enough for the label and its filter button, and for a typical value. */
    int width() {
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.max(label.length() + 3, typicalWidth)));
    }

    /** The cell of one client: String, Boolean, Number, LocalDate, Instant or null (see ExportColumn). */
    @FunctionalInterface
    interface CellValue {
        Object of(Client client, ExportContext context);
    }
}
