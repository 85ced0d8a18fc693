package org.atrium.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import javax.ws.rs.core.Response;

import org.atrium.rest.support.Problem;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of the staff API's servlet (the JAX-RS whiteboard's, on {@code /api/v1/*}): while the whiteboard
 * publishes the application, the servlet is there a moment before the application's endpoints, and
 * answers {@code 404} with CXF's HTML page ("No service was found."); while it takes the application down,
 * a request already inside fails with an exception. Both become a 503 problem with {@code Retry-After};
 * every other answer passes untouched. Registered before the application (which references it), so it is
 * in place from the first request.
 */
@Component(service = {Filter.class, NotYetServingFilter.class}, property = {
    "osgi.http.whiteboard.filter.name=atrium-api-not-yet-serving",
    "osgi.http.whiteboard.filter.pattern=/api/v1/*"})
public class NotYetServingFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(NotYetServingFilter.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        HtmlNotFoundCatcher catcher = new HtmlNotFoundCatcher(http);
        try {
            chain.doFilter(request, catcher);
        } catch (RuntimeException | ServletException e) {
            if (http.isCommitted()) {
                throw e;
            }
            LOG.debug("A request met the API while it was taken down", e);
            http.reset();
            catcher.caught = true;
        }
        if (catcher.caught) {
            notYetServing(http);
        } else {
            catcher.passStatus();
        }
    }

    private static void notYetServing(HttpServletResponse response) throws IOException {
        byte[] body = JsonProvider.MAPPER.writeValueAsBytes(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                "The staff API is starting or being updated; try again in " + Unavailable.RETRY_AFTER_SECONDS
                        + " seconds."));
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Integer.toString(Unavailable.RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Holds back a 404 until the content type shows whose it is: an HTML one is caught and dropped. */
    private static final class HtmlNotFoundCatcher extends HttpServletResponseWrapper {

        private boolean notFoundHeld;
        private boolean caught;

        HtmlNotFoundCatcher(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            if (status == SC_NOT_FOUND && !isCommitted()) {
                notFoundHeld = true;
            } else {
                notFoundHeld = false;
                super.setStatus(status);
            }
        }

        @Override
        public void setContentType(String type) {
            if (notFoundHeld && type != null && type.startsWith("text/html")) {
                caught = true;
                return;
            }
            passStatus();
            super.setContentType(type);
        }

        /** The web server's own "no servlet here" (the context there, its servlet not yet or no more). */
        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (status == SC_NOT_FOUND && !isCommitted()) {
                caught = true;
                return;
            }
            passStatus();
            super.sendError(status, message);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (caught) {
                return new PrintWriter(Writer.nullWriter());
            }
            passStatus();
            return super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (caught) {
                return new DiscardingStream();
            }
            passStatus();
            return super.getOutputStream();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!caught) {
                passStatus();
                super.flushBuffer();
            }
        }

        void passStatus() {
            if (notFoundHeld) {
                notFoundHeld = false;
                super.setStatus(SC_NOT_FOUND);
            }
        }
    }

    private static final class DiscardingStream extends ServletOutputStream {

        private final OutputStream sink = OutputStream.nullOutputStream();

        @Override
        public void write(int b) throws IOException {
            sink.write(b);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // nothing is ever written
        }
    }
}
