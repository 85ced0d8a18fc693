package org.atrium.api.mail;

/** Where a queued message stands. */
public enum MailState {
    /** Waiting for its first or next attempt. */
    QUEUED,
    /** Handed to the SMTP server (or written to the outbox folder). */
    SENT,
    /** Refused for good, or given up after the last retry; see the error. */
    FAILED
}
