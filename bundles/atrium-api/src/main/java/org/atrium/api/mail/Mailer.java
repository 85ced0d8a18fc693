package org.atrium.api.mail;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends mail for every Atrium bundle. {@link #send} only queues: the message is stored durably and
 * delivered in the background with retries, so a slow or unavailable SMTP server never holds up the
 * caller, and a restart loses nothing. The outcome of each message is posted as an event
 * ({@link MailTopics}).
 */
@ProviderType
public interface Mailer {

    /**
     * Stores the message for delivery and returns at once.
     *
     * @return the message's ID in the queue
     * @throws IllegalArgumentException if the message has no recipient, an address is malformed or the
     *         subject is missing
     */
    String send(MailMessage message);

    /** The queue's messages in that state (all if {@code null}), newest first, at most {@code limit}. */
    List<QueuedMail> queue(MailState state, int limit);
}
