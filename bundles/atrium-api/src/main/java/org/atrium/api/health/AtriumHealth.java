package org.atrium.api.health;

import org.osgi.annotation.versioning.ProviderType;

/** Atrium's health as a whole: what {@code GET /api/v1/health} and {@code atrium:status} show. */
@ProviderType
public interface AtriumHealth {

    /** Whether Atrium has finished starting (cheap: callers may ask on every request). */
    boolean ready();

    /** The full report: features, readiness and every check, run now. */
    HealthReport report();
}
