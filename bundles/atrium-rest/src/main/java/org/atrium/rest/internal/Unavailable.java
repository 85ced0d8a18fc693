package org.atrium.rest.internal;

import javax.ws.rs.ServiceUnavailableException;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.Response.Status;

import org.atrium.rest.support.Problem;

/**
 * 503 with {@code Retry-After} (problem+json) for a part of Atrium that is away for a moment: the bundle
 * that provides it is being updated or restarted. The resources hold the register's services as optional
 * references for this reason: updating the register takes its endpoints away for a second, not the
 * whole API with it.
 */
public final class Unavailable {

    public static final int RETRY_AFTER_SECONDS = 5;

    private Unavailable() {
    }

    /** The service, or 503 naming {@code what} ("the client register") when it is away. */
    static <T> T unless(T service, String what) {
        if (service == null) {
            throw retryLater("Updating or restarting " + what);
        }
        return service;
    }

    /** 503 saying why, and when to try again. */
    public static ServiceUnavailableException retryLater(String why) {
        return new ServiceUnavailableException(Response.fromResponse(Problem.of(Status.SERVICE_UNAVAILABLE,
                why + "; try again in " + RETRY_AFTER_SECONDS + " seconds.").toResponse())
                .header("Retry-After", RETRY_AFTER_SECONDS).build());
    }
}
