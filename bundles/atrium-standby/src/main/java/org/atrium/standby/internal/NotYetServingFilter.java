package org.atrium.standby.internal;

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

/**
 * On the staff API's own context: while the JAX-RS whiteboard publishes the application, its servlet is
 * there a moment before the application's endpoints are, and answers {@code 404} with CXF's HTML page
 * ("No service was found."); and while the context is set up or taken down, the web server answers its
 * own HTML 404. Those answers become the standby 503 problem; every other answer passes untouched.
 */
final class NotYetServingFilter implements Filter {

    private final StandbyServlet standby;

    NotYetServingFilter(StandbyServlet standby) {
        this.standby = standby;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        HtmlNotFoundCatcher catcher = new HtmlNotFoundCatcher(http);
        chain.doFilter(request, catcher);
        if (catcher.caught) {
            standby.service((javax.servlet.http.HttpServletRequest) request, http);
        } else {
            catcher.passStatus();
        }
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
