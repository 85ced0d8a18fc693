package org.atrium.api.export;

/**
 * A column users can pick, as a column picker shows it.
 *
 * @param name how to ask for it in {@link ExportRequest#columns()}
 * @param label its header in the file
 * @param byDefault part of the export when no columns are chosen
 */
public record ExportColumnInfo(String name, String label, boolean byDefault) {
}
