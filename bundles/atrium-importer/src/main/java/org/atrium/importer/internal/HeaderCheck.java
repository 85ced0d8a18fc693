package org.atrium.importer.internal;

import java.util.ArrayList;
import java.util.List;

import org.atrium.text.VisibleText;

/** The first row must be the template's header exactly: same columns, same names, same order. */
final class HeaderCheck {

    private HeaderCheck() {
    }

    static List<RowError> errors(List<String> header) {
        List<RowError> errors = new ArrayList<>();
        List<String> expected = ImportTemplate.HEADER;
        int columns = lastNonEmpty(header) + 1;
        for (int i = 0; i < Math.max(columns, expected.size()); i++) {
            String found = i < header.size() ? header.get(i).strip() : "";
            String column = "column " + (i + 1) + " (" + columnLetter(i) + ")";
            if (i >= expected.size()) {
                errors.add(new RowError(1, "", "", "The header has an extra " + column + " '" + VisibleText.of(found)
                        + "'; the template has " + expected.size() + " columns. Use the template's header row as is."));
            } else if (!expected.get(i).equals(found)) {
                errors.add(new RowError(1, "", expected.get(i), found.isEmpty()
                        ? "The header's " + column + " is empty; the template has '" + expected.get(i) + "' there."
                        : "The header's " + column + " is '" + VisibleText.of(found) + "'; the template has '" + expected.get(i)
                                + "' there. Columns must not be added, removed, renamed or reordered."));
            }
        }
        return errors;
    }

    private static int lastNonEmpty(List<String> cells) {
        for (int i = cells.size() - 1; i >= 0; i--) {
            if (!cells.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    /** A, B, ... Z, AA: how spreadsheet programs name the column. */
    static String columnLetter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }
}
