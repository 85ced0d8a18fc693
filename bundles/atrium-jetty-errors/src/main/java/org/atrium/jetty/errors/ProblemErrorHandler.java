package org.atrium.jetty.errors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The web server's answers to requests it cannot even parse (a request line or headers that break HTTP,
 * an address over 8 KB, headers over 8 KB) and to errors outside every servlet context, as
 * {@code application/problem+json} (RFC 9457) in the user's terms instead of Jetty's HTML "Bad Message"
 * page. Errors inside a servlet context are answered by Atrium's error page servlet (atrium-standby).
 *
 * <p>Jetty calls this before any handler or servlet sees the request, so it must be the server's own error
 * handler: this bundle is a fragment of pax-web-jetty whose {@code /jetty.xml} sets it when Pax Web makes
 * the server. (A Jetty {@code Handler} service could set it too, but Pax Web restarts the whole web server
 * whenever such a service comes or goes.)
 */
public class ProblemErrorHandler extends ErrorHandler {

    static final String MEDIA_TYPE = "application/problem+json";

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, MEDIA_TYPE));
        fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
        return ByteBuffer.wrap(problem(status, detail(status, reason)));
    }

    @Override
    public void doError(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        int status = response.getStatus();
        byte[] body = problem(status, detail(status, null));
        response.setHeader(HttpHeader.CACHE_CONTROL.asString(), "no-store");
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** What went wrong and what to do, for the statuses Jetty answers before any servlet sees a request. */
    static String detail(int status, String reason) {
        return switch (status) {
            case 414 -> "The address is too long (the web server reads at most 8 KB of it). Search with fewer words, "
                    + "or send long data in the request body.";
            case 431 -> "The request's headers are too large (the web server reads at most 8 KB of them). Send fewer "
                    + "or shorter headers; a browser may need its cookies for this site cleared.";
            case 413 -> "The request is too large.";
            case 400 -> "The request is not valid HTTP" + because(status, reason);
            default -> "The web server could not answer this request" + because(status, reason);
        };
    }

    /** Jetty's own words when they add anything to the status ("Illegal character SPACE=' '"). */
    private static String because(int status, String reason) {
        return reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status)) ? "."
                : ": " + reason + ".";
    }

    static byte[] problem(int status, String detail) {
        String title = HttpStatus.getMessage(status);
        return ("{\"type\":\"about:blank\",\"title\":\"" + quoted(title) + "\",\"status\":" + status + ",\"detail\":\""
                + quoted(detail) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string's content: Jetty's reasons quote the character they refused ("Illegal character SPACE=' '"). */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.toString();
    }
}
