package org.atrium.registry.internal.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.SortField;
import org.atrium.registry.internal.ClientRulesTest;
import org.atrium.registry.internal.JpaOfficeDirectory;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A search for text inside words on Derby while another transaction (an import's chunk, an edit) is writing
 * clients: it does not wait for rows that cannot match, and it finds what the writer commits, never what it
 * takes back. Sorted by creation time, which has no index to walk, every row is looked at; sorted by client ID
 * or name, the sort's index is walked to its end, where the writer's new rows are. On the register's real
 * persistence unit (in-memory Derby).
 */
class SearchBesideWriterTest {

    /** Far longer than any search here takes, far shorter than Derby's 60 s lock timeout. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private TestDatabase database;
    private ClientRegister register;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CountDownLatch written = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        database = new TestDatabase();
        RegisterCore core = database.core(TestDatabase.CLOCK);
        new JpaOfficeDirectory(database.jpa());
        register = new JpaClientRegister(core);
        register.create(ClientRulesTest.individual().clientId("C1").name("Ann Smith").taxId(null).build());
        register.create(ClientRulesTest.individual().clientId("C2").name("Bob Jones").email("bob@example.com")
                .taxId(null).build());
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        threads.shutdown();
        threads.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        database.close();
    }

    @Test
    void aSearchDoesNotWaitForRowsBeingWrittenThatItCannotMatch() throws Exception {
        Future<?> writer = writeUntilReleased(true);

        for (SortField sort : new SortField[] {SortField.CREATED_AT, SortField.CLIENT_ID, SortField.NAME}) {
            for (boolean descending : new boolean[] {false, true}) {
                assertEquals(List.of("C1"), within(() -> ids("mith", sort, descending)), "inside words, by " + sort
                        + (descending ? " descending" : "") + ": found at once, the rows being written passed by");
                assertEquals(List.of("C1"), within(() -> ids("smith", sort, descending)), "a word's client, by " + sort
                        + (descending ? " descending" : ""));
            }
        }
        assertEquals(1L, within(() -> register.count(new ClientFilter("mith", null, null, null))));

        release.countDown();
        writer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of("C2", "C3"), ids("ones"));
    }

    @Test
    void aSearchFindsWhatTheWriterCommitsByItsNewText() throws Exception {
        assertEquals(List.of("C2", "C3"), searchOnesWhileTheWriterEnds(true));
    }

    @Test
    void aSearchNeverFindsWhatTheWriterTakesBack() throws Exception {
        assertEquals(List.of("C2"), searchOnesWhileTheWriterEnds(false),
                "Bob by his committed name; Cy, never committed, not at all");
    }

    /**
     * A search for "ones" (inside the writer's words) that has come to wait for the writer's rows, and what it
     * finds once the writer commits ({@code commit}) or rolls back.
     */
    private List<String> searchOnesWhileTheWriterEnds(boolean commit) throws Exception {
        Future<?> writer = writeUntilReleased(commit);
        Future<List<String>> search = threads.submit(() -> ids("ones"));
        awaitALockWait();

        release.countDown();

        writer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return search.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * In one transaction on another thread: Cy Jones added and Bob renamed Bob Jonesy, held uncommitted until
     * released, then committed or (not {@code commit}) rolled back.
     */
    private Future<?> writeUntilReleased(boolean commit) throws InterruptedException {
        Future<?> writer = threads.submit(() -> {
            try {
                database.jpa().tx(em -> {
                    register.create(ClientRulesTest.individual().clientId("C3").name("Cy Jones")
                            .email("cy@example.com").taxId(null).build());
                    Client bob = register.get("C2");
                    register.update("C2", ClientRulesTest.individual().clientId("C2").name("Bob Jonesy")
                            .email("bob@example.com").taxId(null).build(), bob.version());
                    written.countDown();
                    await(release);
                    if (!commit) {
                        throw new TakenBack();
                    }
                });
            } catch (TakenBack expected) {
                // rolled back, as asked
            }
        });
        assertEquals(true, written.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the writer wrote");
        return writer;
    }

    /** Until Derby reports a transaction waiting for a lock: the search, for the writer's rows. */
    private void awaitALockWait() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (database.jpa().txExpr(em -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE STATE = 'WAIT'").getSingleResult()).intValue()) == 0) {
            assertFalse(System.nanoTime() > deadline, "the search never waited for the writer's rows");
            Thread.sleep(10);
        }
    }

    private <T> T within(java.util.concurrent.Callable<T> search) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return search.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private List<String> ids(String q) {
        return ids(q, SortField.CREATED_AT, false);
    }

    private List<String> ids(String q, SortField sort, boolean descending) {
        return register.search(new ClientQuery(new ClientFilter(q, null, null, null), sort, descending, 0, 20))
                .items().stream().map(Client::clientId).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class TakenBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
