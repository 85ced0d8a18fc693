package org.atrium.text;

/**
 * Keeps cell text from running as a formula when a file is opened in Excel, Calc or Sheets (CSV or formula
 * injection, OWASP): text starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return is
 * what those programs evaluate.
 */
public final class FormulaGuard {

    private FormulaGuard() {
    }

    /** Whether a spreadsheet program could take this text for a formula. */
    public static boolean looksLikeFormula(String cell) {
        if (cell == null || cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /**
     * The text for a CSV cell: with a leading apostrophe when it {@linkplain #looksLikeFormula looks like a
     * formula}, which spreadsheet programs show as text; {@code null} becomes empty.
     */
    public static String defuse(String cell) {
        if (cell == null) {
            return "";
        }
        return looksLikeFormula(cell) ? "'" + cell : cell;
    }

    /**
     * A cell as it was before {@link #defuse}: the apostrophe an export put before formula-like text is taken
     * off again on the way back in (an import of an exported file gives back the same text).
     */
    public static String restore(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && looksLikeFormula(cell.substring(1))) {
            return cell.substring(1);
        }
        return cell;
    }
}
