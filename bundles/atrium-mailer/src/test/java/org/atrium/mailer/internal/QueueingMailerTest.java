package org.atrium.mailer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.sql.DataSource;

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

    private final DataSource database = QueueDatabase.create();

    private QueueingMailer mailer(Map<String, Object> config) {
        return mailer(config, data);
    }

    /** A node's mailer: its own data folder (for the outbox), the queue in the shared database. */
    private QueueingMailer mailer(Map<String, Object> config, Path folder) {
        return new QueueingMailer(new MailQueue(database, folder.getFileName().toString()), folder,
                Configs.mailer(config), Clock.systemUTC(), MailProviderClassLoader.angus());
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
            try (Connection connection = database.getConnection(); ResultSet row = connection.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM MAIL_QUEUE WHERE MESSAGE IS NOT NULL")) {
                row.next();
                assertEquals(0, row.getInt(1), "the queue keeps no body of a delivered message (it may hold an "
                        + "access code)");
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
    void twoNodesOnOneDatabaseDeliverEachMessageOnce() throws Exception {
        Path first = Files.createDirectories(data.resolve("node-1"));
        Path second = Files.createDirectories(data.resolve("node-2"));
        QueueingMailer one = mailer(Map.of(), first);
        QueueingMailer other = mailer(Map.of(), second);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add((i % 2 == 0 ? one : other).send(message()));
            }
            for (String id : ids) {
                await(other, id, mail -> mail.state() == MailState.SENT, "sent");
            }
            List<String> delivered = new ArrayList<>();
            for (Path node : List.of(first, second)) {
                if (Files.exists(node.resolve("outbox"))) {
                    try (Stream<Path> outbox = Files.list(node.resolve("outbox"))) {
                        outbox.forEach(file -> delivered.add(file.getFileName().toString().replaceAll(".*Z-|\\.eml$", "")));
                    }
                }
            }
            assertEquals(20, delivered.size(), "written once each: " + delivered);
            assertEquals(Set.copyOf(ids), Set.copyOf(delivered));
        } finally {
            one.stop();
            other.stop();
        }
    }

    @Test
    void aMessageHeldByANodeThatDiedIsDeliveredByAnotherOnceItsLeaseEnds() throws Exception {
        MailQueue deadNode = new MailQueue(database, "dead-node");
        Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));
        String id = deadNode.add("Subject: code\r\n\r\n123456".getBytes(StandardCharsets.US_ASCII),
                List.of("ann@example.com"), "code", Map.of(), sixMinutesAgo).id();
        deadNode.claimNext(sixMinutesAgo, Duration.ofMinutes(5)).orElseThrow(); // and then the node died

        QueueingMailer survivor = mailer(Map.of());
        try {
            QueuedMail sent = await(survivor, id, mail -> mail.state() == MailState.SENT, "taken over");
            assertEquals(1, sent.attempts());
        } finally {
            survivor.stop();
        }
    }

    @Test
    void aMessageAnotherNodeHoldsIsLeftToItWhileItsLeaseRuns() throws Exception {
        MailQueue busyNode = new MailQueue(database, "busy-node");
        String held = busyNode.add("Subject: a\r\n\r\nx".getBytes(StandardCharsets.US_ASCII),
                List.of("ann@example.com"), "a", Map.of(), Instant.now()).id();
        busyNode.claimNext(Instant.now(), Duration.ofMinutes(5)).orElseThrow();

        QueueingMailer mailer = mailer(Map.of());
        try {
            String next = mailer.send(message());
            await(mailer, next, mail -> mail.state() == MailState.SENT, "sent");
            QueuedMail stillHeld = mailer.queue(MailState.QUEUED, 10).get(0);
            assertEquals(held, stillHeld.id());
            assertEquals(0, stillHeld.attempts(), "not tried by this node");
        } finally {
            mailer.stop();
        }
    }

    @Test
    void theMessagesOfTheEarlierQueueFolderMoveIntoTheDatabaseAndAreDelivered() throws Exception {
        Path earlier = Files.createDirectories(data.resolve("mail/queued/m-1"));
        Files.writeString(earlier.resolve("message.eml"), "Subject: old\r\n\r\nqueued before the upgrade");
        Files.writeString(earlier.resolve("status.properties"), "id=m-1\nto=ann@example.com\nsubject=old\n"
                + "state=QUEUED\nattempts=2\nqueuedAt=2026-12-01T10:00:00Z\nnextAttemptAt=2026-12-01T10:05:00Z\n"
                + "lastError=421 busy\ntag.clientId=000123\n");
        Path sent = Files.createDirectories(data.resolve("mail/sent/m-0"));
        Files.writeString(sent.resolve("status.properties"), "id=m-0\nto=bob@example.com\nsubject=older\n"
                + "state=SENT\nattempts=1\nqueuedAt=2026-11-30T10:00:00Z\nfinishedAt=2026-11-30T10:00:01Z\n");
        Files.createDirectories(data.resolve("mail/incoming/half-written"));

        QueueingMailer mailer = mailer(Map.of("sent_keep_days", 3650));
        try {
            QueuedMail moved = await(mailer, "m-1", mail -> mail.state() == MailState.SENT, "delivered");
            assertEquals(3, moved.attempts(), "two attempts before the upgrade, one after");
            assertEquals(Map.of("clientId", "000123"), moved.tags());
            assertEquals(List.of("m-1", "m-0"), mailer.queue(null, 10).stream().map(QueuedMail::id).toList());
            assertFalse(Files.exists(data.resolve("mail")), "the folder is gone");
            try (Stream<Path> outbox = Files.list(data.resolve("outbox"))) {
                assertTrue(Files.readString(outbox.findFirst().orElseThrow()).contains("queued before the upgrade"));
            }
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
