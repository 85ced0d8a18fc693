package org.atrium.rest.internal.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.atrium.api.health.FeatureState;
import org.atrium.api.health.HealthReport;
import org.atrium.api.health.HealthResult;

/**
 * The health report as JSON: {@code status}, {@code ready}, {@code waitingFor}, {@code features}, {@code checks},
 * {@code checkedAt} (ISO instant, as every time in the API).
 */
public record HealthJson(String status, boolean ready, List<String> waitingFor, List<FeatureState> features,
        Map<String, CheckJson> checks, String checkedAt) {

    public record CheckJson(String status, String summary, Map<String, Object> details) {
    }

    static HealthJson of(HealthReport report) {
        Map<String, CheckJson> checks = new LinkedHashMap<>();
        report.checks().forEach((name, result) -> checks.put(name, check(result)));
        return new HealthJson(report.status().name(), report.ready(), report.waitingFor(), report.features(), checks,
                report.checkedAt().toString());
    }

    private static CheckJson check(HealthResult result) {
        return new CheckJson(result.status().name(), result.summary(), result.details());
    }
}
