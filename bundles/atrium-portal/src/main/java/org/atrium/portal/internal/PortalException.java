package org.atrium.portal.internal;

import javax.ws.rs.core.Response.Status;

/** A portal request refused for a reason the person may know; answered as a problem with this status. */
class PortalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Status status;
    private final long retryAfterSeconds;

    PortalException(Status status, String detail) {
        this(status, detail, 0);
    }

    PortalException(Status status, String detail, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    Status status() {
        return status;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static PortalException signInRequired() {
        return new PortalException(Status.UNAUTHORIZED, "Sign in first: your session is missing, expired or ended "
                + "(signing out, or a change of your email address, ends it).");
    }

    static PortalException tooManyRequests(java.time.Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        return new PortalException(Status.TOO_MANY_REQUESTS, "Too many requests from your network address: try "
                + "again in " + Math.max(1, (seconds + 59) / 60) + " minute(s).", seconds);
    }
}
