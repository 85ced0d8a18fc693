package org.atrium.mailer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.atrium.api.firm.Firm;
import org.atrium.api.firm.FirmProfile;
import org.atrium.api.mail.MailAttachment;
import org.atrium.api.mail.MailMessage;
import org.atrium.api.mail.MailState;
import org.atrium.api.mail.QueuedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueingMailerTest {

    @TempDir
    Path data;

    private QueueingMailer mailer(Map<String, Object> config) {
        return new QueueingMailer(data, Configs.mailer(config), Clock.systemUTC(), MailProviderClassLoader.angus());
    }

    private static MailMessage message() {
        return new MailMessage(List.of("Ann Smith <ann@example.com>"), "Welcome, Ann", "Hello Ann",
                "<p>Hello <b>Ann</b></p>", List.of(new MailAttachment("errors.csv", "text/csv",
                        "Row,Client ID\n2,000123\n".getBytes(StandardCharsets.UTF_8))), Map.of());
    }

    /** Polls the queue (the delivery runs on the mailer's own thread) until the message is as expected. */
    private static QueuedMail await(QueueingMailer mailer, String id, Predicate<QueuedMail> expected, String what)
            throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (QueuedMail mail : mailer.queue(null, 100)) {
                if (mail.id().equals(id) && expected.test(mail)) {
                    return mail;
                }
            }
            Thread.sleep(50); // polling interval
        }
        throw new AssertionError("message " + id + " never " + what + ": " + mailer.queue(null, 10));
    }

    @Test
    void theSenderIsTheFirmUnlessTheMailerNamesItsOwn() throws Exception {
        FirmProfile smithCo = FirmProfile.of("Smith & Co CPAs", "office@smithco.example", null);
        assertEquals("Smith & Co CPAs <office@smithco.example>", sentFrom(Map.of(), () -> smithCo));
        assertEquals("Desk <desk@smithco.example>",
                sentFrom(Map.of("from", "desk@smithco.example", "from_name", "Desk"), () -> smithCo));
        assertEquals("Atrium <atrium@localhost>", sentFrom(Map.of(), () -> FirmProfile.UNSET), "nothing set yet");
    }

    /** The From line of a message written to the outbox. */
    private String sentFrom(Map<String, Object> config, Firm firm) throws Exception {
        QueueingMailer mailer = mailer(config).with(firm);
        try {
            String id = mailer.send(message());
            await(mailer, id, mail -> mail.state() == MailState.SENT, "sent");
            try (Stream<Path> outbox = Files.list(data.resolve("outbox"))) {
                Path file = outbox.filter(p -> p.getFileName().toString().endsWith(id + ".eml")).findFirst().orElseThrow();
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("From: "))
                        .findFirst().orElseThrow().substring("From: ".length());
            }
        } finally {
            mailer.stop();
        }
    }

    @Test
    void withoutAnSmtpHostEveryMessageIsWrittenToTheOutboxFolder() throws Exception {
        QueueingMailer mailer = mailer(Map.of());
        try {
            String id = mailer.send(message());

            await(mailer, id, mail -> mail.state() == MailState.SENT, "sent");
            List<Path> files;
            try (Stream<Path> outbox = Files.list(data.resolve("outbox"))) {
                files = outbox.toList();
            }
            assertEquals(1, files.size());
            assertTrue(files.get(0).getFileName().toString().endsWith(id + ".eml"));
            String eml = Files.readString(files.get(0), StandardCharsets.UTF_8);
            assertTrue(eml.contains("Subject: Welcome, Ann"), eml);
            assertTrue(eml.contains("To: Ann Smith <ann@example.com>"), eml);
            assertTrue(eml.contains("multipart/alternative"), eml);
            assertTrue(eml.contains("filename=errors.csv"), eml);
            try (Stream<Path> kept = Files.walk(data)) {
                assertEquals(List.of(), kept.filter(p -> p.getFileName().toString().equals("message.eml")).toList(),
                        "the queue keeps no body of a delivered message (it may hold an access code)");
            }
            assertEquals(1, mailer.queue(MailState.SENT, 10).size(), "it is still listed as sent");
        } finally {
            mailer.stop();
        }
    }

    @Test
    void anUnreachableServerMeansRetryLaterNotFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        QueueingMailer mailer = mailer(Map.of("smtp_host", "127.0.0.1", "smtp_port", closedPort,
                "smtp_security", "none", "connect_timeout", 1000));
        try {
            String id = mailer.send(message());

            QueuedMail waiting = await(mailer, id, mail -> mail.attempts() > 0, "tried");
            assertEquals(MailState.QUEUED, waiting.state());
            assertEquals(1, waiting.attempts());
            assertTrue(waiting.lastError().contains("127.0.0.1"), waiting.lastError());
            assertTrue(waiting.nextAttemptAt().isAfter(waiting.queuedAt().plusSeconds(20)), "first retry after 30 s");
            assertFalse(Files.exists(data.resolve("outbox")));
        } finally {
            mailer.stop();
        }
    }

    @Test
    void malformedMessagesAreRefusedBeforeTheyAreQueued() throws Exception {
        QueueingMailer mailer = mailer(Map.of());
        try {
            IllegalArgumentException noAt = assertThrows(IllegalArgumentException.class,
                    () -> mailer.send(MailMessage.text("not-an-address", "Hi", "Body")));
            assertTrue(noAt.getMessage().contains("not-an-address"));
            assertThrows(IllegalArgumentException.class, () -> mailer.send(MailMessage.text("a@example.com", " ", "B")));
            assertEquals(List.of(), mailer.queue(null, 10));
        } finally {
            mailer.stop();
        }
    }

    @Test
    void addressesAreLeftOutOfLogLines() {
        assertEquals("550 5.1.1 <<address>>: Recipient address rejected",
                QueueingMailer.redact("550 5.1.1 <bob@example.com>: Recipient address rejected"));
    }
}
