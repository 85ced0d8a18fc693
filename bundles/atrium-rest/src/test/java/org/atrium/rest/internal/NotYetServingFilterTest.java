package org.atrium.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.FilterChain;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

class NotYetServingFilterTest {

    private final NotYetServingFilter filter = new NotYetServingFilter();
    private final Recorded answer = new Recorded();

    @Test
    void cxfsHtmlNotFoundOfAnApplicationWithoutEndpointsYetIsAProblemToRetry() throws Exception {
        filter.doFilter(null, answer.response(), (request, response) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(404);
            http.setContentType("text/html");
            http.getWriter().write("<html><body>No service was found.</body></html>");
        });

        assertEquals(503, answer.status);
        assertEquals("application/problem+json", answer.contentType);
        assertEquals("5", answer.headers.get("Retry-After"));
        assertTrue(answer.body().contains("starting or being updated"), answer.body());
    }

    @Test
    void anExceptionOfAnApplicationBeingTakenDownIsAProblemToRetry() throws Exception {
        filter.doFilter(null, answer.response(), (request, response) -> {
            throw new NullPointerException("incomingObserver is null");
        });

        assertEquals(503, answer.status);
        assertEquals("5", answer.headers.get("Retry-After"));
    }

    @Test
    void theApplicationsOwnNotFoundPassesUntouched() throws Exception {
        FilterChain chain = (request, response) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(404);
            http.setContentType("application/problem+json");
            http.getOutputStream().write("{\"status\":404}".getBytes(StandardCharsets.UTF_8));
        };
        filter.doFilter(null, answer.response(), chain);

        assertEquals(404, answer.status);
        assertEquals("application/problem+json", answer.contentType);
        assertEquals("{\"status\":404}", answer.body());
    }

    /** What reached the real response. */
    private static final class Recorded {

        int status = 200;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse response() {
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.put((String) args[0], (String) args[1]);
                            yield null;
                        }
                        case "setContentType" -> {
                            contentType = (String) args[0];
                            yield null;
                        }
                        case "getOutputStream" -> stream();
                        case "getWriter" -> new PrintWriter(stream(), true, StandardCharsets.UTF_8);
                        case "isCommitted" -> false;
                        default -> null;
                    });
        }

        private ServletOutputStream stream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
        }
    }
}
