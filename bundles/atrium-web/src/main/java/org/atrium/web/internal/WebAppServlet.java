package org.atrium.web.internal;

import java.io.IOException;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the staff web application at {@code /atrium/}: one page ({@code index.html}) whose ES modules call
 * {@code /api/v1}. Every answer carries a strict Content-Security-Policy (scripts and styles only from this
 * origin, no inline script, nothing from another site, no framing).
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=atrium-web",
    "osgi.http.whiteboard.servlet.pattern=/atrium/*"
})
public class WebAppServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Changes with each start of the bundle (an update brings new files), so browsers revalidate then. */
    private String etag;

    @Activate
    void activate(BundleContext context) {
        etag = "\"" + Long.toHexString(context.getBundle().getLastModified()) + "\"";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // "/atrium" without the slash: the page's relative links need it
            response.sendRedirect(request.getContextPath() + "/atrium/");
            return;
        }
        securityHeaders(response);
        Optional<StaticFiles.StaticFile> found = StaticFiles.find(path);
        if (found.isEmpty()) {
            notFound(response);
            return;
        }
        StaticFiles.StaticFile file = found.get();
        if (file.immutable()) {
            // library paths carry their version: a new version is a new path
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else {
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("ETag", etag);
            if (etag.equals(request.getHeader("If-None-Match"))) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
        }
        byte[] content = file.read();
        response.setContentType(file.contentType());
        response.setContentLength(content.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(content);
        }
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    static void notFound(HttpServletResponse response) throws IOException {
        // set, not sendError: the web server's error page would answer in its own words
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html; charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found"
                + "</title></head><body><h1>There is no such page</h1><p><a href=\"/atrium/\">Go to Atrium</a>"
                + "</p></body></html>");
    }
}
