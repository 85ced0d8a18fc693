package org.atrium.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * The web server's default servlet: {@code http://host:8181/} leads to the staff application, and any other
 * path no servlet claims gets a page that says so (rather than the web server's bare 404). Paths of the API and
 * the portal reach it only while their bundle is away (its servlet gone, the standby's not yet back): those are
 * left to the web server's error page, whose problem answer says whether the part is coming back (503) or not
 * installed (404), never an HTML page.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=atrium-web-root",
    "osgi.http.whiteboard.servlet.pattern=/"
})
public class RootRedirectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.isEmpty() || "/".equals(path)) {
            response.sendRedirect(request.getContextPath() + "/atrium/");
            return;
        }
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/portal/") || path.equals("/portal")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        WebAppServlet.securityHeaders(response);
        WebAppServlet.notFound(response);
    }
}
