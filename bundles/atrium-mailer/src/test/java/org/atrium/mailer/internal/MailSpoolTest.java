package org.atrium.mailer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.atrium.api.mail.MailState;
import org.atrium.api.mail.QueuedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSpoolTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path root;

    private QueuedMail add(MailSpool spool) {
        return spool.add("Subject: hi\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII), List.of("ann@example.com"),
                "hi", Map.of("clientId", "000123"), T0);
    }

    @Test
    void aQueuedMessageIsDueAndKeepsItsContentAndTags() {
        MailSpool spool = new MailSpool(root);
        QueuedMail mail = add(spool);

        List<QueuedMail> due = spool.due(T0);

        assertEquals(1, due.size());
        assertEquals(Map.of("clientId", "000123"), due.get(0).tags());
        assertEquals("Subject: hi\r\n\r\nbody", new String(spool.eml(due.get(0)), StandardCharsets.US_ASCII));
        assertEquals(mail.id(), due.get(0).id());
    }

    @Test
    void aRetryWaitsForItsTimeAndCountsTheAttempt() {
        MailSpool spool = new MailSpool(root);
        QueuedMail mail = add(spool);

        spool.retryLater(mail, T0.plusSeconds(30), "Connection refused");

        assertEquals(List.of(), spool.due(T0.plusSeconds(29)));
        QueuedMail retried = spool.due(T0.plusSeconds(30)).get(0);
        assertEquals(1, retried.attempts());
        assertEquals("Connection refused", retried.lastError());
        assertEquals(T0.plusSeconds(30), spool.nextAttempt().orElseThrow());
    }

    @Test
    void sentAndFailedMessagesLeaveTheQueueAndStayListed() {
        MailSpool spool = new MailSpool(root);
        QueuedMail sent = add(spool);
        QueuedMail failed = add(spool);

        spool.finish(sent, MailState.SENT, T0, null);
        spool.finish(failed, MailState.FAILED, T0, "550 no such user");

        assertEquals(List.of(), spool.due(T0.plusSeconds(3600)));
        assertEquals(sent.id(), spool.list(MailState.SENT, 10).get(0).id());
        QueuedMail listed = spool.list(MailState.FAILED, 10).get(0);
        assertEquals("550 no such user", listed.lastError());
        assertEquals(1, listed.attempts());
        assertEquals(2, spool.list(null, 10).size());
    }

    @Test
    void theQueueSurvivesARestartAndAHalfFinishedStateChange() throws Exception {
        MailSpool before = new MailSpool(root);
        QueuedMail waiting = add(before);
        QueuedMail sent = add(before);
        // a crash after recording SENT but before moving the folder: the message must not be sent again
        Path statusOfSent = root.resolve("queued").resolve(sent.id()).resolve("status.properties");
        Files.writeString(statusOfSent, Files.readString(statusOfSent).replace("state=QUEUED", "state=SENT"));
        // a crash while a new message was being written: it never entered the queue
        Files.createDirectories(root.resolve("incoming").resolve("half-written"));

        MailSpool after = new MailSpool(root);
        after.recover();

        assertEquals(List.of(waiting.id()), after.due(T0).stream().map(QueuedMail::id).toList());
        assertEquals(sent.id(), after.list(MailState.SENT, 10).get(0).id());
        assertTrue(Files.notExists(root.resolve("incoming").resolve("half-written")));
    }

    @Test
    void aMessageFinishedAMomentAgoIsListedByItsStatusBeforeItHasMoved() throws Exception {
        MailSpool spool = new MailSpool(root);
        QueuedMail sent = add(spool);
        // finish() records the final status first, then moves the message: the moment in between
        Path status = root.resolve("queued").resolve(sent.id()).resolve("status.properties");
        Files.writeString(status, Files.readString(status).replace("state=QUEUED", "state=SENT"));

        assertEquals(List.of(sent.id()), spool.list(MailState.SENT, 10).stream().map(QueuedMail::id).toList());
        assertEquals(List.of(), spool.list(MailState.QUEUED, 10), "no longer queued");
        assertEquals(List.of(), spool.due(T0), "and not sent again");
        assertEquals(1, spool.list(null, 10).size(), "listed once among all");
    }

    @Test
    void oldSentMessagesArePurged() {
        MailSpool spool = new MailSpool(root);
        spool.finish(add(spool), MailState.SENT, T0, null);

        assertEquals(0, spool.purgeSent(T0));
        assertEquals(1, spool.purgeSent(T0.plusSeconds(1)));
        assertEquals(List.of(), spool.list(MailState.SENT, 10));
    }
}
