package org.atrium.mailer.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.atrium.api.health.HealthResult;

/**
 * The outcome of the mailer's last delivery attempt since it started (SMTP, or the outbox folder).
 *
 * @param error the failure, addresses left out; {@code null} when the message went out
 */
record LastDelivery(Instant at, String error) {

    static LastDelivery sent(Instant at) {
        return new LastDelivery(at, null);
    }

    static LastDelivery failed(Instant at, String error) {
        return new LastDelivery(at, error);
    }

    boolean succeeded() {
        return error == null;
    }

    /** UP, or WARN while messages fail (mail trouble is no reason to take Atrium out of a load balancer). */
    static HealthResult health(int queued, int failed, LastDelivery last, String transport) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("queued", queued);
        details.put("failed", failed);
        details.put("transport", transport);
        details.put("lastDeliveryAt", last == null ? null : last.at().toString());
        details.put("lastDeliveryResult", last == null ? "none since start" : last.succeeded() ? "sent" : last.error());
        String summary = queued + " queued, " + failed + " failed; last: "
                + (last == null ? "none since start" : last.succeeded() ? "sent" : "failed");
        return last != null && !last.succeeded() ? HealthResult.warn(summary, details) : HealthResult.up(summary, details);
    }
}
