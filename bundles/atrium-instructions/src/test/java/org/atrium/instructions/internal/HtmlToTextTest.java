package org.atrium.instructions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void paragraphsBreaksAndLinksBecomeReadableText() {
        String html = "<p>Dear Ann,</p>\n<p><a href=\"https://portal.example/r?t=abc\">Set up your access</a></p>"
                + "<p>Kind regards,<br>Smith &amp; Co</p>";

        assertEquals("Dear Ann,\n\nSet up your access (https://portal.example/r?t=abc)\n\nKind regards,\nSmith & Co\n",
                HtmlToText.convert(html));
    }

    @Test
    void aBareLinkIsItsAddressAndStylesDisappear() {
        assertEquals("https://x.example/\n", HtmlToText.convert("<style>p{color:red}</style><a href='https://x.example/'>"
                + "https://x.example/</a>"));
    }
}
