package org.atrium.instructions.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.atrium.api.client.FieldError;
import org.atrium.api.instructions.Placeholders;

/**
 * The {@code {{placeholder}}} syntax of templates: checking a text and filling it in. Spaces inside the
 * braces are allowed ({@code {{ clientName }}}); anything else unknown is an error that names the
 * placeholder and its line and column, so the author finds it.
 */
final class TemplateText {

    private TemplateText() {
    }

    /** Every unknown or unclosed placeholder in {@code text}, reported against {@code field}. */
    static List<FieldError> check(String field, String text) {
        List<FieldError> errors = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                return errors;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                errors.add(new FieldError(field, "Placeholder opened with {{ at " + position(text, open)
                        + " is never closed with }}."));
                return errors;
            }
            String name = text.substring(open + 2, close).strip();
            if (!Placeholders.ALL.contains(name)) {
                errors.add(new FieldError(field, "Unknown placeholder {{" + name + "}} at " + position(text, open)
                        + ". Known placeholders: " + known() + "."));
            }
            from = close + 2;
        }
    }

    /** The text with each placeholder replaced by its value, passed through {@code escape}; missing values are empty. */
    static String fill(String text, Map<String, String> values, UnaryOperator<String> escape) {
        StringBuilder filled = new StringBuilder(text.length() + 256);
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
            if (close < 0) {
                return filled.append(text, from, text.length()).toString();
            }
            String value = values.get(text.substring(open + 2, close).strip());
            filled.append(text, from, open).append(escape.apply(value == null ? "" : value));
            from = close + 2;
        }
    }

    static String escapeHtml(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A subject is one header line: line breaks in values would let them add headers. */
    static String oneLine(String value) {
        return value.replaceAll("[\\r\\n]+", " ");
    }

    private static String position(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (index - lineStart + 1);
    }

    private static String known() {
        return String.join(", ", Placeholders.ALL.stream().map(name -> "{{" + name + "}}").toList());
    }
}
