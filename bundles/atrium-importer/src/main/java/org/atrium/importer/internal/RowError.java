package org.atrium.importer.internal;

/**
 * One problem in an import file, as the error CSV lists it.
 *
 * @param row the row number as a spreadsheet shows it (the header is row 1)
 * @param clientId the row's Client ID as written, or empty
 * @param column the template column, or empty for a problem with the whole row or file
 */
record RowError(long row, String clientId, String column, String message) {
}
