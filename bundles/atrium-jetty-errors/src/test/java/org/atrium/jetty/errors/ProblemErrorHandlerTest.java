package org.atrium.jetty.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

class ProblemErrorHandlerTest {

    private final ProblemErrorHandler handler = new ProblemErrorHandler();

    @Test
    void anAddressTooLongIsAProblemThatSaysWhatToDo() {
        HttpFields fields = new HttpFields();

        String body = text(handler.badMessageError(414, "URI Too Long", fields));

        assertEquals("application/problem+json", fields.get(HttpHeader.CONTENT_TYPE));
        assertTrue(body.startsWith("{\"type\":\"about:blank\",\"title\":\"URI Too Long\",\"status\":414,"), body);
        assertTrue(body.contains("Search with fewer words"), body);
    }

    @Test
    void jettysReasonIsQuotedAsJson() {
        String body = text(handler.badMessageError(400, "Illegal character SPACE=' ' \"\\\u0001", new HttpFields()));

        assertTrue(body.contains("\"detail\":\"The request is not valid HTTP: Illegal character SPACE=' ' \\\"\\\\\\u0001.\""),
                body);
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}
