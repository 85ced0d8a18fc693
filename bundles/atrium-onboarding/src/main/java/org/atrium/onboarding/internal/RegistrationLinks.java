package org.atrium.onboarding.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.atrium.api.firm.FirmProfile;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Where an invitation's link points: {@code link.base} when set (kept from before the firm's profile), else
 * the firm's public address (etc/atrium.firm.cfg) + {@code /portal/register}, else this server as its web
 * server listens (the port an operator chose) but only while it listens on this machine alone: a link to
 * {@code localhost} in an email to a client who cannot open it would be worse than no email.
 */
final class RegistrationLinks {

    static final String PATH = "/portal/register";
    /** The HTTP Whiteboard runtime's service (by name: no compile-time dependency on its API). */
    private static final String RUNTIME = "org.osgi.service.http.runtime.HttpServiceRuntime";

    private RegistrationLinks() {
    }

    /**
     * The registration page's address; empty when no address is set and the web server listens beyond this
     * machine (on all interfaces or a network address), where no address of its own is one clients reach.
     */
    static Optional<String> base(String configured, FirmProfile firm, List<String> endpoints) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        Optional<String> public_ = firm.link(PATH);
        if (public_.isPresent()) {
            return public_;
        }
        for (String endpoint : endpoints) {
            try {
                URI uri = URI.create(endpoint.strip());
                if (uri.getScheme() == null || uri.getPort() < 0 || uri.getHost() == null) {
                    continue;
                }
                return loopback(uri.getHost()) ? Optional.of(uri.getScheme() + "://localhost:" + uri.getPort() + PATH)
                        : Optional.empty();
            } catch (IllegalArgumentException e) {
                // not a URL: try the next one
            }
        }
        return Optional.of("http://localhost:8181" + PATH);
    }

    /** The web server's first address, for the message that asks for the public one. */
    static String listening(List<String> endpoints) {
        return endpoints.isEmpty() ? "an address beyond this machine" : endpoints.get(0);
    }

    private static boolean loopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.startsWith("127.") || bare.equals("::1")
                || bare.equals("0:0:0:0:0:0:0:1");
    }

    /** The endpoints ({@code osgi.http.endpoint}) of the HTTP runtimes registered now. */
    static List<String> endpoints(BundleContext context) {
        List<String> endpoints = new ArrayList<>();
        try {
            ServiceReference<?>[] runtimes = context.getAllServiceReferences(RUNTIME, null);
            for (ServiceReference<?> runtime : runtimes == null ? new ServiceReference<?>[0] : runtimes) {
                Object value = runtime.getProperty("osgi.http.endpoint");
                if (value instanceof String text) {
                    endpoints.add(text);
                } else if (value instanceof String[] texts) {
                    endpoints.addAll(Arrays.asList(texts));
                } else if (value instanceof Collection<?> texts) {
                    texts.forEach(text -> endpoints.add(String.valueOf(text)));
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            // no filter is given; a stopping bundle has no context: the default address then
        }
        return endpoints;
    }
}
