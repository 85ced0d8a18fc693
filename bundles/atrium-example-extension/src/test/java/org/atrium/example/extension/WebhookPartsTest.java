package org.atrium.example.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

class WebhookPartsTest {

    @TempDir
    Path folder;

    @Test
    void anEventIsJsonWithItsTopicTimeAndProperties() {
        Event event = new Event("org/atrium/client/UPDATED", Map.of("clientId", "00\"7", "office", 2,
                "changedFields", new String[] {"name", "email"}));

        String json = EventJson.of(event, Instant.parse("2026-11-29T12:00:00Z"));

        assertTrue(json.startsWith("{\"id\":\""), json);
        assertTrue(json.endsWith(",\"topic\":\"org/atrium/client/UPDATED\",\"time\":\"2026-11-29T12:00:00Z\","
                + "\"changedFields\":[\"name\",\"email\"],\"clientId\":\"00\\\"7\",\"office\":2}"), json);
    }

    @Test
    void theQueueGivesEventsBackInTheOrderTheyCameAcrossRestarts() throws Exception {
        WebhookQueue queue = new WebhookQueue(folder);
        queue.add("first");
        queue.add("second");
        WebhookQueue restarted = new WebhookQueue(folder);
        restarted.add("third");

        List<String> delivered = new ArrayList<>();
        while (restarted.oldest().isPresent()) {
            Path next = restarted.oldest().get();
            delivered.add(restarted.body(next));
            restarted.delivered(next);
        }

        assertEquals(List.of("first", "second", "third"), delivered);
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookDelivery.signature("Jefe", "what do ya want for nothing?"));
    }
}
