package org.atrium.standby.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Answers for a path of Atrium while the bundle that serves it is away, so a client never meets the web
 * server's HTML 404: {@code 503} with {@code Retry-After} while the owner is installed (starting, being
 * updated or restarted), {@code 404} once it is not installed at all. Both as {@code application/problem+json}
 * (RFC 9457), like every other error of Atrium.
 */
final class StandbyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String MEDIA_TYPE = "application/problem+json";
    /** Seconds a client should wait: an update or a start of one bundle takes a few. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final transient Predicate<String> installed;
    private final String ownerSymbolicName;
    private final String whatIsAway;
    private final String feature;

    /**
     * @param whatIsAway what the path offers, for the message ("The staff API")
     * @param feature the Karaf feature that installs the owner, for the message
     */
    StandbyServlet(Predicate<String> installed, String ownerSymbolicName, String whatIsAway, String feature) {
        this.installed = installed;
        this.ownerSymbolicName = ownerSymbolicName;
        this.whatIsAway = whatIsAway;
        this.feature = feature;
    }

    /** Whether a bundle of that symbolic name is installed, in any state. */
    static Predicate<String> installedIn(BundleContext context) {
        return symbolicName -> Arrays.stream(context.getBundles())
                .anyMatch(bundle -> symbolicName.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED);
    }

    @Override
    public void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (installed.test(ownerSymbolicName)) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            write(response, 503, "Service Unavailable", whatIsAway
                    + " is starting or being updated; try again in " + RETRY_AFTER_SECONDS + " seconds.");
        } else {
            write(response, 404, "Not Found", whatIsAway + " is not installed (Karaf feature " + feature + ").");
        }
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        // the messages are our own constants: nothing to escape
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
