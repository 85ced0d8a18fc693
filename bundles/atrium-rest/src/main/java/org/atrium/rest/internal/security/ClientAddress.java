package org.atrium.rest.internal.security;

import java.util.List;

import javax.servlet.http.HttpServletRequest;

/**
 * Where a request comes from, for the sign-in lock-outs: the connection's address, or, when the connection
 * comes from a proxy named in {@code trusted.proxies} ({@code etc/atrium.security.cfg}), the address that proxy
 * put last in {@code X-Forwarded-For}. Anyone else's X-Forwarded-For is ignored: it could name any address.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request, List<String> trustedProxies) {
        String connection = request == null ? null : request.getRemoteAddr();
        if (connection == null) {
            return "unknown";
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(connection)) {
            return connection;
        }
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].strip();
        return last.isEmpty() ? connection : last;
    }
}
