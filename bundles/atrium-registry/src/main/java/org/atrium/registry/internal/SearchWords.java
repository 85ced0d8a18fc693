package org.atrium.registry.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words a client is found by, and how a query is cut into words. A word is a run of letters or digits in
 * the client ID, the names or the emails (taxpayer's and spouse's), in lower case: "Ann Smith-Jones",
 * "ann.smith@example.com" and "C-000123" give ann, smith, jones, example, com, c and 000123. A number with
 * leading zeros is also a word without them (123), as staff say client numbers.
 * <p>
 * Each word is a row of CLIENT_TERM, whose index finds the clients with a word that begins with the query's
 * word in one short range read; {@link #text} is the same words in one column, which checks a row without
 * reading the table again.
 */
public final class SearchWords {

    /** The longest word kept in CLIENT_TERM (the column's length); a longer one is found by its beginning. */
    public static final int MAX_TERM = 254;
    /** The length of SEARCH_TEXT. */
    static final int MAX_TEXT = 1000;

    private SearchWords() {
    }

    /** The words of some text, in order, composed (NFC) and in lower case (Locale.ROOT), with repeats. */
    public static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        // composed: "é" typed as one character or as e + U+0301 is the same word
        String lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); ) {
            int codePoint = i < lower.length() ? lower.codePointAt(i) : ' ';
            boolean partOfWord = Character.isLetterOrDigit(codePoint) || isMark(codePoint);
            if (partOfWord && start < 0) {
                start = i;
            } else if (!partOfWord && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
            i += i < lower.length() ? Character.charCount(codePoint) : 1;
        }
        return words;
    }

    /** The words a client is found by, from its fields (any may be null), each once, in the order given. */
    public static Set<String> terms(String... fields) {
        Set<String> terms = new LinkedHashSet<>();
        for (String field : fields) {
            for (String word : of(field)) {
                terms.add(cut(word));
                String withoutZeros = withoutLeadingZeros(word);
                if (!withoutZeros.equals(word)) {
                    terms.add(withoutZeros);
                }
            }
        }
        return terms;
    }

    /**
     * The terms as SEARCH_TEXT holds them: each between spaces (" ann smith 000123 123 "), so that
     * {@code LIKE '% smith %'} is "has the word smith", {@code LIKE '% smi%'} "a word begins with smi" and
     * {@code LIKE '%mit%'} "a word holds mit". Words that do not fit the column are left out of it (CLIENT_TERM
     * still has them).
     */
    public static String text(Set<String> terms) {
        StringBuilder text = new StringBuilder(" ");
        for (String term : terms) {
            if (text.length() + term.length() + 1 > MAX_TEXT) {
                break;
            }
            text.append(term).append(' ');
        }
        return text.toString();
    }

    /**
     * The first string after every string that begins with {@code prefix} (in code point order, as Derby's
     * UCS_BASIC and PostgreSQL's "C" collation compare): a range {@code >= prefix AND < upperBound(prefix)} is
     * the words that begin with it, which an index reads as one range whatever the query planner does with
     * a LIKE parameter.
     */
    public static String upperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(last + 1);
    }

    /** An accent typed as a character of its own (e + U+0301) is part of its letter's word. */
    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** A number without its leading zeros ("0" stays); anything else as it is. */
    static String withoutLeadingZeros(String word) {
        int zeros = 0;
        while (zeros < word.length() - 1 && word.charAt(zeros) == '0') {
            zeros++;
        }
        if (zeros == 0 || !word.chars().allMatch(Character::isDigit)) {
            return word;
        }
        return word.substring(zeros);
    }

    private static String cut(String word) {
        if (word.length() <= MAX_TERM) {
            return word;
        }
        int end = MAX_TERM;
        if (Character.isLowSurrogate(word.charAt(end))) {
            end--; // not half a character
        }
        return word.substring(0, end);
    }
}
