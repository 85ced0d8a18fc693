package org.atrium.api.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message in the mail queue and how its delivery went.
 *
 * @param nextAttemptAt when a queued message is tried next; {@code null} once sent or failed
 * @param lastError the last delivery error, as the SMTP server or the network reported it
 */
public record QueuedMail(String id, List<String> to, String subject, MailState state, int attempts, Instant queuedAt,
        Instant nextAttemptAt, Instant finishedAt, String lastError, Map<String, String> tags) {

    public QueuedMail {
        to = List.copyOf(to);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
