package org.atrium.api.mail;

/** Event Admin topics and properties of mail delivery. */
public final class MailTopics {

    /** A message was handed to the SMTP server (or the outbox folder). */
    public static final String SENT = "org/atrium/mail/SENT";
    /** A message failed for good: refused by the server, or given up after the last retry. */
    public static final String FAILED = "org/atrium/mail/FAILED";

    /** Event property: the message's ID in the queue (String). */
    public static final String PROPERTY_ID = "id";
    /** Event property: the message's subject (String), so a receiver can name what was delivered. */
    public static final String PROPERTY_SUBJECT = "subject";
    /** Event property: the delivery error (String), on failures. */
    public static final String PROPERTY_ERROR = "error";
    /** Prefix of the event properties that carry the message's tags: {@code tag.clientId} and so on. */
    public static final String TAG_PREFIX = "tag.";

    private MailTopics() {
    }
}
