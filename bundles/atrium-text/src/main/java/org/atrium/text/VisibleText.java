package org.atrium.text;

/**
 * Text shown to a person with the characters they could not see written out: control characters (a NUL byte
 * of a broken file), format characters (a zero-width space pasted with a heading, a stray byte order mark) and
 * spaces other than the plain one, each as {@code <U+200B>}. "Column 2 is 'Client ID'; the template has
 * 'Client ID'" then says what differs.
 */
public final class VisibleText {

    private VisibleText() {
    }

    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.SPACE_SEPARATOR && c != ' ' || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                    || type == Character.SURROGATE;
            if (invisible) {
                shown.append(String.format("<U+%04X>", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }
}
