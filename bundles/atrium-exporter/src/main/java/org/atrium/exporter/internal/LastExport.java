package org.atrium.exporter.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.atrium.api.export.ExportFormat;
import org.atrium.api.health.HealthResult;

/** The last export written since the exporter started: when, in which format, how many clients. */
record LastExport(Instant at, ExportFormat format, long clients) {

    static HealthResult health(int running, LastExport last) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("running", running);
        details.put("lastExportAt", last == null ? null : last.at().toString());
        details.put("lastExportFormat", last == null ? null : last.format().name());
        details.put("lastExportClients", last == null ? null : last.clients());
        return HealthResult.up(running + " running; last: " + (last == null ? "none since start"
                : last.format() + ", " + last.clients() + " clients at " + last.at().toString().substring(0, 16) + "Z"),
                details);
    }
}
