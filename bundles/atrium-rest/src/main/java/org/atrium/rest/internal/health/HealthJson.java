package org.atrium.rest.internal.health;

import java.util.List;
import java.util.Map;

import org.atrium.api.health.FeatureState;
import org.atrium.api.health.HealthReport;
import org.atrium.api.health.HealthResult;
import org.atrium.api.health.HealthStatus;

/**
 * The health report as JSON: {@code status}, {@code ready}, {@code waitingFor}, {@code features}, {@code checks},
 * {@code checkedAt} (ISO instant, as every time in the API).
 */
public record HealthJson(HealthStatus status, boolean ready, List<String> waitingFor, List<FeatureState> features,
        Map<String, HealthResult> checks, String checkedAt) {

    static HealthJson of(HealthReport report) {
        return new HealthJson(report.status(), report.ready(), report.waitingFor(), report.features(), report.checks(),
                report.checkedAt().toString());
    }
}
