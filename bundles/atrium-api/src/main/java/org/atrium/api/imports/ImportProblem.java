package org.atrium.api.imports;

import org.atrium.api.client.FieldError;

/**
 * One reason an import cannot be applied.
 *
 * @param row the row number as a spreadsheet shows it, 0 for a problem with the import as a whole
 * @param clientId the row's client ID as given, or empty
 * @param field the field as {@link FieldError#field()} names it, or empty for the whole row
 */
public record ImportProblem(long row, String clientId, String field, String message) {
}
