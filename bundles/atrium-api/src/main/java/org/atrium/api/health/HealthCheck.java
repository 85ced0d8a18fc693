package org.atrium.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of Atrium that reports how it is doing: register one as a service with the property
 * {@value #NAME} (a short lower-case name such as {@code database} or {@code mail}) and it appears in
 * {@code GET /api/v1/health} and {@code atrium:status} while its bundle runs. A check runs on every health
 * request (load balancers ask every few seconds), so it must be quick and must not throw.
 */
@ConsumerType
@FunctionalInterface
public interface HealthCheck {

    /** The service property naming the check. */
    String NAME = "atrium.health.check";

    HealthResult check();
}
