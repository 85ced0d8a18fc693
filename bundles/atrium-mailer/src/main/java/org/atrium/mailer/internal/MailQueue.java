package org.atrium.mailer.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.atrium.api.mail.MailState;
import org.atrium.api.mail.QueuedMail;

/**
 * The mail queue in Atrium's database (table {@code MAIL_QUEUE}, db/mail.xml), one queue for every node.
 * A node takes a message with {@link #claimNext}: it writes a claim token of its own and moves the next
 * attempt to the end of its lease, so that no other node takes it meanwhile, and reports the outcome
 * under that token. A node that dies holding a message never reports; the message is due again when the
 * lease ends and another node takes it over. On PostgreSQL the candidates are read with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes looking for work at the same moment never wait on each other;
 * Derby, embedded, only ever has one node.
 */
final class MailQueue {

    private static final String COLUMNS = "ID, RECIPIENTS, SUBJECT, STATE, ATTEMPTS, QUEUED_AT, NEXT_ATTEMPT_AT, "
            + "FINISHED_AT, LAST_ERROR, TAGS";
    private static final int CANDIDATES = 5;
    private static final int SUBJECT_COLUMN = 1000;
    private static final int ERROR_COLUMN = 2000;

    /** A message this node holds: its content and the token that proves the claim. */
    record Claimed(QueuedMail mail, byte[] eml, String token) {
    }

    private final DataSource dataSource;
    private final String node;
    private final boolean skipLocked;

    /**
     * @param node names this node in claim tokens, for an operator reading the table
     */
    MailQueue(DataSource dataSource, String node) {
        this.dataSource = dataSource;
        this.node = node;
        this.skipLocked = run(connection -> connection.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
    }

    /** Stores a new message; it is in the queue, for every node, once this returns. */
    QueuedMail add(byte[] eml, List<String> to, String subject, Map<String, String> tags, Instant now) {
        QueuedMail mail = new QueuedMail(UUID.randomUUID().toString(), to, subject, MailState.QUEUED, 0, now, now,
                null, null, tags);
        insert(mail, eml);
        return mail;
    }

    /** Stores a message as it was elsewhere (the earlier queue folder); false if the queue has it already. */
    boolean addEarlier(QueuedMail mail, byte[] eml) {
        if (run(connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM MAIL_QUEUE WHERE ID = ?")) {
                exists.setString(1, mail.id());
                try (ResultSet row = exists.executeQuery()) {
                    return row.next();
                }
            }
        })) {
            return false;
        }
        insert(mail, eml);
        return true;
    }

    private void insert(QueuedMail mail, byte[] eml) {
        run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO MAIL_QUEUE (" + COLUMNS
                    + ", MESSAGE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, mail.id());
                insert.setString(2, String.join("\n", mail.to()));
                insert.setString(3, cut(mail.subject(), SUBJECT_COLUMN));
                insert.setString(4, mail.state().name());
                insert.setInt(5, mail.attempts());
                insert.setLong(6, mail.queuedAt().toEpochMilli());
                setTime(insert, 7, mail.nextAttemptAt());
                setTime(insert, 8, mail.finishedAt());
                insert.setString(9, cut(mail.lastError(), ERROR_COLUMN));
                insert.setString(10, tags(mail.tags()));
                insert.setBytes(11, eml); // null for a sent message: setNull's types differ between the drivers
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Takes the queued message due first, if any, for the length of the lease: no other node takes it until
     * this one reports with {@link #retryLater} or {@link #finish}, or the lease ends.
     */
    Optional<Claimed> claimNext(Instant now, Duration lease) {
        String token = node + "/" + UUID.randomUUID();
        Instant leaseEnd = now.plus(lease);
        return run(connection -> {
            connection.setAutoCommit(false);
            try {
                Optional<Claimed> claimed = claimFirstOf(connection, dueCandidates(connection, now), token, now,
                        leaseEnd);
                connection.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private List<String> dueCandidates(Connection connection, Instant now) throws SQLException {
        String select = "SELECT ID FROM MAIL_QUEUE WHERE STATE = 'QUEUED' AND NEXT_ATTEMPT_AT <= ? "
                + "ORDER BY NEXT_ATTEMPT_AT, QUEUED_AT " + (skipLocked ? "LIMIT " + CANDIDATES
                + " FOR UPDATE SKIP LOCKED" : "FETCH FIRST " + CANDIDATES + " ROWS ONLY");
        List<String> ids = new ArrayList<>();
        try (PreparedStatement due = connection.prepareStatement(select)) {
            due.setLong(1, now.toEpochMilli());
            try (ResultSet rows = due.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** The first candidate still due when it is taken (another node may have been quicker). */
    private Optional<Claimed> claimFirstOf(Connection connection, List<String> candidates, String token, Instant now,
            Instant leaseEnd) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement("UPDATE MAIL_QUEUE SET CLAIM = ?, "
                + "NEXT_ATTEMPT_AT = ? WHERE ID = ? AND STATE = 'QUEUED' AND NEXT_ATTEMPT_AT <= ?")) {
            for (String id : candidates) {
                take.setString(1, token);
                take.setLong(2, leaseEnd.toEpochMilli());
                take.setString(3, id);
                take.setLong(4, now.toEpochMilli());
                if (take.executeUpdate() == 1) {
                    try (PreparedStatement read = connection.prepareStatement("SELECT " + COLUMNS
                            + ", MESSAGE FROM MAIL_QUEUE WHERE ID = ?")) {
                        read.setString(1, id);
                        try (ResultSet row = read.executeQuery()) {
                            row.next();
                            return Optional.of(new Claimed(mail(row), row.getBytes(11), token));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The attempt failed, to be tried again at {@code next}; false if the claim was lost meanwhile. */
    boolean retryLater(Claimed claimed, Instant next, String error) {
        return report(claimed, "STATE = 'QUEUED', ATTEMPTS = ?, NEXT_ATTEMPT_AT = ?, LAST_ERROR = ?",
                claimed.mail().attempts() + 1, next.toEpochMilli(), cut(error, ERROR_COLUMN));
    }

    /**
     * The message was sent or failed for good; a sent message loses its body. False if the claim was lost
     * meanwhile (the lease ended and another node took the message over).
     */
    boolean finish(Claimed claimed, MailState state, Instant now, String error) {
        return report(claimed, "STATE = ?, ATTEMPTS = ?, NEXT_ATTEMPT_AT = NULL, FINISHED_AT = ?, LAST_ERROR = ?"
                + (state == MailState.SENT ? ", MESSAGE = NULL" : ""), state.name(), claimed.mail().attempts() + 1,
                now.toEpochMilli(), cut(error, ERROR_COLUMN));
    }

    private boolean report(Claimed claimed, String assignments, Object... values) {
        return run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE MAIL_QUEUE SET " + assignments
                    + ", CLAIM = NULL WHERE ID = ? AND CLAIM = ?")) {
                int i = 1;
                for (Object value : values) {
                    update.setObject(i++, value);
                }
                update.setString(i++, claimed.mail().id());
                update.setString(i, claimed.token());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Newest first; every state when {@code state} is null. */
    List<QueuedMail> list(MailState state, int limit) {
        return run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM MAIL_QUEUE"
                    + (state == null ? "" : " WHERE STATE = ?") + " ORDER BY QUEUED_AT DESC, ID FETCH FIRST "
                    + limit + " ROWS ONLY")) {
                if (state != null) {
                    select.setString(1, state.name());
                }
                List<QueuedMail> mails = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        mails.add(mail(rows));
                    }
                }
                return mails;
            }
        });
    }

    int count(MailState state) {
        return run(connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM MAIL_QUEUE WHERE STATE = ?")) {
                count.setString(1, state.name());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /** When the next queued message falls due (or a lease held by a node runs out). */
    Optional<Instant> nextAttempt() {
        return run(connection -> {
            try (PreparedStatement next = connection.prepareStatement(
                    "SELECT MIN(NEXT_ATTEMPT_AT) FROM MAIL_QUEUE WHERE STATE = 'QUEUED'")) {
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    long millis = row.getLong(1);
                    return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
                }
            }
        });
    }

    /** Removes sent messages finished before the cut-off. */
    int purgeSent(Instant finishedBefore) {
        return run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM MAIL_QUEUE WHERE STATE = 'SENT' AND FINISHED_AT < ?")) {
                delete.setLong(1, finishedBefore.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    // --- rows

    private static QueuedMail mail(ResultSet row) throws SQLException {
        String recipients = row.getString(2);
        return new QueuedMail(row.getString(1), recipients.isEmpty() ? List.of() : List.of(recipients.split("\n")),
                row.getString(3), MailState.valueOf(row.getString(4)), row.getInt(5),
                Instant.ofEpochMilli(row.getLong(6)), time(row, 7), time(row, 8), row.getString(9),
                tags(row.getString(10)));
    }

    private static Instant time(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, time.toEpochMilli());
        }
    }

    /** Tags as properties text, which escapes whatever a key or value holds. */
    private static String tags(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        Properties properties = new Properties();
        properties.putAll(tags);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().lines().filter(line -> !line.startsWith("#")).reduce((a, b) -> a + "\n" + b)
                .orElse("");
    }

    private static Map<String, String> tags(String text) {
        Map<String, String> tags = new HashMap<>();
        if (text != null) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.stringPropertyNames().forEach(key -> tags.put(key, properties.getProperty(key)));
        }
        return tags;
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    // --- connections

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new MailQueueException("the mail queue in the database cannot be read or written: "
                    + e.getMessage(), e);
        }
    }

    /** The database did not answer; the mailer tries again later, callers of send see the message. */
    static final class MailQueueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MailQueueException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
