package org.atrium.mailer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.atrium.api.mail.MailState;
import org.atrium.api.mail.QueuedMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue as two nodes on one database use it: each holds its own {@link MailQueue} on the same table. */
class MailQueueTest {

    static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final byte[] EML = "Subject: hi\r\n\r\nYour code is 123456".getBytes(StandardCharsets.US_ASCII);

    private MailQueue one;
    private MailQueue other;

    @BeforeEach
    void database() {
        DataSource database = QueueDatabase.create();
        one = new MailQueue(database, "node-1");
        other = new MailQueue(database, "node-2");
    }

    private QueuedMail add(MailQueue queue, Instant at) {
        return queue.add(EML, List.of("Smith, Ann <ann@example.com>", "bob@example.com"), "hi",
                Map.of("clientId", "000123", "odd key=:#", "line\nbreak"), at);
    }

    @Test
    void aMessageQueuedOnOneNodeIsTakenWholeByAnother() {
        QueuedMail queued = add(one, T0);

        MailQueue.Claimed claimed = other.claimNext(T0, LEASE).orElseThrow();

        assertEquals(queued.id(), claimed.mail().id());
        assertEquals(List.of("Smith, Ann <ann@example.com>", "bob@example.com"), claimed.mail().to());
        assertEquals(Map.of("clientId", "000123", "odd key=:#", "line\nbreak"), claimed.mail().tags());
        assertArrayEquals(EML, claimed.eml());
        assertTrue(claimed.token().startsWith("node-2/"), claimed.token());
    }

    @Test
    void aTakenMessageIsNobodyElsesUntilItsLeaseEnds() {
        add(one, T0);
        MailQueue.Claimed held = one.claimNext(T0, LEASE).orElseThrow();

        assertEquals(Optional.empty(), other.claimNext(T0.plusSeconds(299), LEASE), "leased to node 1");
        assertEquals(Optional.of(T0.plus(LEASE)), other.nextAttempt(), "due again when the lease ends");
        MailQueue.Claimed takenOver = other.claimNext(T0.plus(LEASE), LEASE).orElseThrow();

        assertEquals(held.mail().id(), takenOver.mail().id());
        assertFalse(one.finish(held, MailState.SENT, T0.plusSeconds(301), null),
                "node 1 reports too late: the message is node 2's now");
        assertTrue(other.finish(takenOver, MailState.SENT, T0.plusSeconds(302), null));
        QueuedMail sent = one.list(MailState.SENT, 10).get(0);
        assertEquals(1, sent.attempts());
        assertEquals(T0.plusSeconds(302), sent.finishedAt());
        assertNull(sent.nextAttemptAt());
    }

    @Test
    void aFailedAttemptIsDueAgainLaterForAnyNode() {
        add(one, T0);
        MailQueue.Claimed first = one.claimNext(T0, LEASE).orElseThrow();

        assertTrue(one.retryLater(first, T0.plusSeconds(30), "421 try again"));

        assertEquals(Optional.empty(), other.claimNext(T0.plusSeconds(29), LEASE));
        MailQueue.Claimed second = other.claimNext(T0.plusSeconds(30), LEASE).orElseThrow();
        assertEquals(1, second.mail().attempts());
        assertEquals("421 try again", second.mail().lastError());
        assertTrue(other.finish(second, MailState.FAILED, T0.plusSeconds(31), "550 no such user"));
        QueuedMail failed = one.list(MailState.FAILED, 10).get(0);
        assertEquals(2, failed.attempts());
        assertEquals("550 no such user", failed.lastError());
        assertEquals(1, one.count(MailState.FAILED));
        assertEquals(0, one.count(MailState.QUEUED));
        assertEquals(Optional.empty(), one.nextAttempt());
    }

    @Test
    void nodesTakingWorkAtOnceTakeEachMessageOnce() throws Exception {
        Set<String> queued = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            queued.add(add(i % 2 == 0 ? one : other, T0.plusMillis(i)).id());
        }
        List<String> taken = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> workers = new ArrayList<>();
        for (MailQueue node : List.of(one, other, one, other)) {
            workers.add(() -> {
                Optional<MailQueue.Claimed> claimed;
                while ((claimed = node.claimNext(T0.plusSeconds(1), LEASE)).isPresent()) {
                    taken.add(claimed.get().mail().id());
                    node.finish(claimed.get(), MailState.SENT, T0.plusSeconds(1), null);
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40, taken.size(), "each message taken once: " + taken);
        assertEquals(queued, new HashSet<>(taken));
        assertEquals(40, one.count(MailState.SENT));
    }

    @Test
    void aSentMessageKeepsItsListingButNotItsBody() {
        QueuedMail earlier = add(one, T0);
        QueuedMail later = add(one, T0.plusSeconds(1));
        MailQueue.Claimed claimed = one.claimNext(T0.plusSeconds(1), LEASE).orElseThrow();
        assertEquals(earlier.id(), claimed.mail().id(), "oldest first");
        one.finish(claimed, MailState.SENT, T0.plusSeconds(2), null);

        assertEquals(List.of(later.id(), earlier.id()), one.list(null, 10).stream().map(QueuedMail::id).toList(),
                "newest first");
        MailQueue.Claimed again = other.claimNext(T0.plusSeconds(3), LEASE).orElseThrow();
        assertEquals(later.id(), again.mail().id(), "a sent message is never taken again");
        assertEquals(Optional.empty(), other.claimNext(T0.plusSeconds(3), LEASE));
        assertTrue(one.addEarlier(new QueuedMail("sent-before", List.of("c@example.com"), "old", MailState.SENT, 1,
                T0.minusSeconds(60), null, T0.minusSeconds(50), null, Map.of()), null));
        assertFalse(one.addEarlier(new QueuedMail("sent-before", List.of("c@example.com"), "old", MailState.SENT, 1,
                T0.minusSeconds(60), null, T0.minusSeconds(50), null, Map.of()), null), "moved once");
        assertEquals(1, one.purgeSent(T0.minusSeconds(10)), "the old sent message only");
        assertEquals(List.of(later.id(), earlier.id()), one.list(null, 10).stream().map(QueuedMail::id).toList());
    }
}
