package org.atrium.api.health;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Atrium's state at one moment.
 *
 * @param status {@link HealthStatus#UP} when ready and no check is {@link HealthStatus#DOWN}, else DOWN
 *        ({@link HealthStatus#WARN} of a check does not lower it)
 * @param ready whether Atrium has finished starting: every Atrium bundle meant to run is active with all
 *        its components; requests are answered 503 until then
 * @param waitingFor while not ready, what it still waits for (bundles and components), else empty
 * @param features Atrium's features, installed or not
 * @param checks each contributed check's result, by name (sorted)
 */
public record HealthReport(HealthStatus status, boolean ready, List<String> waitingFor, List<FeatureState> features,
        Map<String, HealthResult> checks, Instant checkedAt) {

    public HealthReport {
        waitingFor = List.copyOf(waitingFor);
        features = List.copyOf(features);
        checks = Collections.unmodifiableSortedMap(new TreeMap<>(checks));
    }
}
