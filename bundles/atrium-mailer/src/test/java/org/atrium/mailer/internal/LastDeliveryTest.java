package org.atrium.mailer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.atrium.api.health.HealthResult;
import org.atrium.api.health.HealthStatus;
import org.junit.jupiter.api.Test;

class LastDeliveryTest {

    @Test
    void noDeliveryYetIsUp() {
        HealthResult health = LastDelivery.health(2, 0, null, "outbox");

        assertEquals(HealthStatus.UP, health.status());
        assertEquals("2 queued, 0 failed; last: none since start", health.summary());
        assertEquals(2, health.details().get("queued"));
    }

    @Test
    void aFailedLastDeliveryWarnsWithItsError() {
        HealthResult health = LastDelivery.health(1, 3, LastDelivery.failed(Instant.parse("2026-11-29T02:00:00Z"),
                "Connection refused"), "smtp");

        assertEquals(HealthStatus.WARN, health.status());
        assertEquals("1 queued, 3 failed; last: failed", health.summary());
        assertEquals("Connection refused", health.details().get("lastDeliveryResult"));
        assertEquals("2026-11-29T02:00:00Z", health.details().get("lastDeliveryAt"));
    }

    @Test
    void aSentLastDeliveryIsUp() {
        HealthResult health = LastDelivery.health(0, 0, LastDelivery.sent(Instant.parse("2026-11-29T02:00:00Z")), "smtp");

        assertEquals(HealthStatus.UP, health.status());
        assertEquals("sent", health.details().get("lastDeliveryResult"));
    }
}
