package org.atrium.exporter.internal;

import org.atrium.api.client.Client;

/**
 * One column of an export.
 *
 * @param byDefault part of an export that names no columns
 * @param showsTaxId holds a tax ID: full only when revealing was asked for (and allowed)
 */
record Column(String name, String label, boolean byDefault, boolean showsTaxId, CellValue value) {

    /** The cell of one client: String, Boolean, Number, LocalDate, Instant or null (see ExportColumn). */
    @FunctionalInterface
    interface CellValue {
        Object of(Client client, ExportContext context);
    }
}
