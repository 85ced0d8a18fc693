package org.atrium.example.extension;

import java.time.Instant;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;

/**
 * An event as the webhook sends it: {@code {"id": ..., "topic": ..., "time": ..., "clientId": ..., ...}}, every
 * property of the event (Atrium's events carry identifiers only: no tax ID, email, code or token).
 */
final class EventJson {

    private EventJson() {
    }

    static String of(Event event, Instant time) {
        StringBuilder json = new StringBuilder("{\"id\":").append(text(UUID.randomUUID().toString()))
                .append(",\"topic\":").append(text(event.getTopic()))
                .append(",\"time\":").append(text(time.toString()));
        for (String name : new TreeSet<>(Arrays.asList(event.getPropertyNames()))) {
            if (name.equals(EventConstants.EVENT_TOPIC) || name.equals("id") || name.equals("time")) {
                continue;
            }
            json.append(',').append(text(name)).append(':').append(value(event.getProperty(name)));
        }
        return json.append('}').toString();
    }

    private static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(EventJson::value).collect(Collectors.joining(",", "[", "]"));
        }
        return text(value.toString());
    }

    static String text(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
