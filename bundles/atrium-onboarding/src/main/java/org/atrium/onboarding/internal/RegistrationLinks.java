package org.atrium.onboarding.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Where an invitation's link points: {@code link.base} when the firm set it (the address clients reach), else
 * this server as its web server listens (the port an operator chose, not a fixed 8181).
 */
final class RegistrationLinks {

    static final String PATH = "/portal/register";
    /** The HTTP Whiteboard runtime's service (by name: no compile-time dependency on its API). */
    private static final String RUNTIME = "org.osgi.service.http.runtime.HttpServiceRuntime";

    private RegistrationLinks() {
    }

    /** The registration page's address, from the setting or else from the web server's endpoints. */
    static String base(String configured, List<String> endpoints) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        for (String endpoint : endpoints) {
            try {
                URI uri = URI.create(endpoint.strip());
                if (uri.getScheme() == null || uri.getPort() < 0) {
                    continue;
                }
                String host = uri.getHost() == null || uri.getHost().equals("0.0.0.0") || uri.getHost().equals("[::]")
                        || uri.getHost().equals("::") ? "localhost" : uri.getHost();
                return uri.getScheme() + "://" + host + ":" + uri.getPort() + PATH;
            } catch (IllegalArgumentException e) {
                // not a URL: try the next one
            }
        }
        return "http://localhost:8181" + PATH;
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
