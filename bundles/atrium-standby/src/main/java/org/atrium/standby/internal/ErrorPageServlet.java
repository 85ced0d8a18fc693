package org.atrium.standby.internal;

import java.io.IOException;

import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The web server's own errors (no servlet for a path for a moment, a servlet taken away while a request
 * was inside it) as problems instead of its HTML page: under {@code /api/v1} and {@code /portal} the
 * standby answer of that path (503 while its bundle is installed, else 404); elsewhere a problem with the
 * web server's status.
 */
final class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient StandbyServlet api;
    private final transient StandbyServlet portal;

    ErrorPageServlet(StandbyServlet api, StandbyServlet portal) {
        this.api = api;
        this.portal = portal;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!response.isCommitted()) {
            response.reset(); // the error may follow a half-made answer
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        if (path.startsWith("/api/v1/") || path.equals("/api/v1")) {
            api.service(request, response);
        } else if (path.startsWith("/portal/") || path.equals("/portal")) {
            portal.service(request, response);
        } else {
            Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int code = status instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
            StandbyServlet.write(response, code, code == HttpServletResponse.SC_NOT_FOUND ? "Not Found" : "Error",
                    code == HttpServletResponse.SC_NOT_FOUND ? "There is nothing at this address."
                            : "The web server could not answer this request.");
        }
    }
}
