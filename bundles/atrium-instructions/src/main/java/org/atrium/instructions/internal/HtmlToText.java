package org.atrium.instructions.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text alternative of an HTML email body, for mail programs that do not show HTML: paragraphs
 * and line breaks become new lines, a link becomes its text followed by its address, other tags go.
 */
final class HtmlToText {

    private static final Pattern LINK = Pattern.compile("<a\\s[^>]*href\\s*=\\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOCK_END = Pattern.compile("</(p|div|h[1-6]|li|tr|table|ul|ol)\\s*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_ITEM = Pattern.compile("<li[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INVISIBLE = Pattern.compile("<(script|style|head)[^>]*>.*?</\\1\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private HtmlToText() {
    }

    static String convert(String html) {
        String text = INVISIBLE.matcher(html).replaceAll("");
        text = text.replaceAll("\\s*\\r?\\n\\s*", " ");
        Matcher links = LINK.matcher(text);
        StringBuilder withLinks = new StringBuilder();
        while (links.find()) {
            String label = TAG.matcher(links.group(2)).replaceAll("").strip();
            String href = links.group(1).strip();
            String replacement = label.isEmpty() || label.equals(href) ? href : label + " (" + href + ")";
            links.appendReplacement(withLinks, Matcher.quoteReplacement(replacement));
        }
        links.appendTail(withLinks);
        text = LINE_BREAK.matcher(withLinks).replaceAll("\n");
        text = LIST_ITEM.matcher(text).replaceAll("- ");
        text = BLOCK_END.matcher(text).replaceAll("\n\n");
        text = TAG.matcher(text).replaceAll("");
        text = unescape(text);
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n[ \\t]+", "\n").replaceAll("\\n{3,}", "\n\n")
                .strip() + "\n";
    }

    private static String unescape(String text) {
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
