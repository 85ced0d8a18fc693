package org.atrium.instructions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.atrium.api.client.FieldError;
import org.junit.jupiter.api.Test;

class TemplateTextTest {

    @Test
    void knownPlaceholdersPass() {
        assertEquals(List.of(), TemplateText.check("body", "Dear {{clientName}}, {{ firmName }} and {{spouseName}}: "
                + "{{registrationLink}} until {{linkExpiresOn}} ({{officeName}})"));
    }

    @Test
    void anUnknownPlaceholderIsNamedWithItsLineAndColumn() {
        List<FieldError> errors = TemplateText.check("body", "<p>Dear {{clientName}},</p>\n<p>Your {{taxYear}} return</p>");

        assertEquals(1, errors.size());
        assertEquals("body", errors.get(0).field());
        assertEquals("Unknown placeholder {{taxYear}} at line 2, column 9. Known placeholders: {{clientName}}, "
                + "{{spouseName}}, {{firmName}}, {{registrationLink}}, {{officeName}}, {{linkExpiresOn}}.",
                errors.get(0).message());
    }

    @Test
    void everyProblemIsReportedAndAnUnclosedPlaceholderToo() {
        List<FieldError> errors = TemplateText.check("subject", "{{firm}} {{Name}} {{clientName");

        assertEquals(3, errors.size());
        assertEquals("Placeholder opened with {{ at line 1, column 19 is never closed with }}.", errors.get(2).message());
    }

    @Test
    void valuesAreEscapedForHtmlAndMissingOnesAreEmpty() {
        String html = TemplateText.fill("<p>Dear {{clientName}}{{spouseName}}</p>",
                Map.of("clientName", "Tom & Jerry <script>alert(1)</script>"), TemplateText::escapeHtml);

        assertEquals("<p>Dear Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</p>", html);
    }

    @Test
    void aSubjectStaysOneLine() {
        assertEquals("Welcome Ann Bcc: x@evil.example", TemplateText.fill("Welcome {{clientName}}",
                Map.of("clientName", "Ann\r\nBcc: x@evil.example"), TemplateText::oneLine));
    }
}
