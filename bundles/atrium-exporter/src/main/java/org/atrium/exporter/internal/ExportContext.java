package org.atrium.exporter.internal;

import java.util.Map;

/**
 * What built-in columns need beyond the client.
 *
 * @param officeNames office location number to name, read once per export
 * @param revealTaxIds full SSN/EIN instead of masked (checked: an administrator asked)
 */
record ExportContext(Map<Integer, String> officeNames, boolean revealTaxIds) {

    ExportContext {
        officeNames = Map.copyOf(officeNames);
    }
}
