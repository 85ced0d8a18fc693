package org.atrium.api.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link HealthCheck} found.
 *
 * @param status how the part is doing
 * @param summary one short line for a person (at most about 60 characters, to fit a console table)
 * @param details figures for monitoring, in order: values are strings, numbers or booleans, never client
 *        data or secrets (the health endpoint needs no sign-in)
 */
public record HealthResult(HealthStatus status, String summary, Map<String, Object> details) {

    public HealthResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static HealthResult up(String summary, Map<String, Object> details) {
        return new HealthResult(HealthStatus.UP, summary, details);
    }

    public static HealthResult warn(String summary, Map<String, Object> details) {
        return new HealthResult(HealthStatus.WARN, summary, details);
    }

    public static HealthResult down(String summary, Map<String, Object> details) {
        return new HealthResult(HealthStatus.DOWN, summary, details);
    }
}
