package org.atrium.registry.internal.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.SortField;
import org.atrium.api.imports.ImportLedger;
import org.atrium.api.imports.ImportProgress;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportRows;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.ClientRulesTest;
import org.atrium.registry.internal.JpaOfficeDirectory;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.SqlDialect;
import org.atrium.registry.internal.TestDatabase;
import org.atrium.registry.internal.clients.JpaClientRegister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports on Derby commit chunk by chunk (so that other users never wait for a whole file) and stay all or
 * nothing: clients written so far are claimed until the import is applied, and an import that fails, or that
 * a crash cut off, is taken back. On the register's real persistence unit (in-memory Derby).
 */
class ChunkedImportTest {

    private static final ImportProgress QUIET = (stage, rows) -> { };
    /** More than two chunks: the first ones commit before the file ends. */
    private static final int NEW_CLIENTS = ClientImports.CHUNK * 2 + 100;

    private TestDatabase database;
    private RegisterCore core;
    private ClientRegister register;
    private ImportLedger ledger;

    @BeforeEach
    void start() {
        database = new TestDatabase();
        core = database.core(TestDatabase.CLOCK);
        new JpaOfficeDirectory(database.jpa());
        register = new JpaClientRegister(core);
        ledger = new JpaImportLedger(core);
        register.create(ClientRulesTest.individual().clientId("U1").build());
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void derbyCommitsImportsChunkByChunk() {
        assertTrue(core.read(SqlDialect::of).commitsImportsInChunks());
    }

    @Test
    void whatAnImportWroteSoFarIsSeenButNobodyMayChangeItUntilTheImportIsApplied() {
        boolean[] checked = {false};
        // an assertion failing in here fails the import, and the test with it
        ImportRows rows = file(ClientImports.CHUNK + 10, () -> {
            assertEquals(List.of("N0001"), found("n0001"), "a committed chunk's client is found");
            ClientConflictException edit = assertThrows(ClientConflictException.class, () -> register.update("U1",
                    ClientRulesTest.individual().clientId("U1").name("Ann Meanwhile").build(),
                    register.get("U1").version()));
            assertTrue(edit.getMessage().contains("is being written by import job-1"), edit.getMessage());
            assertThrows(ClientConflictException.class, () -> register.delete("N0001"));
            assertThrows(ClientConflictException.class, () -> register.setPortalAccess("N0001", true));
            assertTrue(ledger.find("job-1").isEmpty(), "not applied until its last chunk");
            checked[0] = true;
        });

        assertEquals(new ImportResult("job-1", NEW_CLIENTS, 1), ledger.apply("job-1", rows, 100, QUIET));

        assertTrue(checked[0], "the checks ran while the import wrote");
        assertTrue(ledger.find("job-1").isPresent());
        Client u1 = register.get("U1");
        assertEquals("Ann Imported", u1.name());
        register.update("U1", ClientRulesTest.individual().clientId("U1").name("Ann Later").build(), u1.version());
        register.delete("N0001");
    }

    @Test
    void anImportThatFailsAfterItsFirstChunksTakesBackWhatItWrote() {
        ImportRows failing = file(ClientImports.CHUNK * 2 + 10, () -> {
            throw new IllegalStateException("the file could not be read to the end");
        });

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ledger.apply("job-2", failing, 100, QUIET));

        assertEquals("the file could not be read to the end", failure.getMessage());
        assertNothingLeftOf("job-2");
        assertEquals(1, auditEntries(AuditActions.IMPORT_TAKEN_BACK), "the take-back is in the audit trail");
        assertEquals(new ImportResult("job-2", NEW_CLIENTS, 1), ledger.apply("job-2", file(-1, () -> { }), 100,
                QUIET), "the import's ID is free again, and the same file imports whole");
    }

    @Test
    void anImportCutOffByACrashIsTakenBackWhenTheLedgerStartsAgain() throws Exception {
        ClientImports imports = imports();
        ImportRows cutOff = file(ClientImports.CHUNK * 2 + 10, () -> {
            throw new Crash();
        });
        cutOff.read((row, data) -> { }); // the check's reading: the ledger reads a file twice
        var now = core.write(em -> imports.begin(em, "job-3", true));
        List<Object> crash = new ArrayList<>();
        try {
            imports.writeRows(work -> core.write(em -> {
                try (ImportWriter jdbc = new ImportWriter(RegisterCore.connection(em), SqlDialect.of(em),
                        KeyBlocks.NONE)) {
                    return work.write(em, jdbc);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }), "job-3", now, cutOff, QUIET);
        } catch (Crash expected) {
            crash.add(expected); // the process died here: nothing took the chunks back
        }
        assertEquals(1, crash.size());
        core.evictCachedClients(); // a new process starts with nothing cached
        assertEquals("Ann Imported", register.get("U1").name(), "two chunks were committed");

        new JpaImportLedger(core); // the next start

        awaitNothingUnfinished("the cut-off import was not taken back");
        assertNothingLeftOf("job-3");
    }

    @Test
    void aRevertCommitsChunkByChunkAndNobodyMayChangeItsClientsUntilItEnds() {
        ledger.apply("job-4", file(-1, () -> { }), 100, QUIET);
        ChunkedImport chunked = new ChunkedImport(core, imports(), reverts());
        List<String> deleted = new ArrayList<>();

        ImportResult reverted = chunked.revert("job-4", subject -> {
            if (deleted.isEmpty()) { // the first chunk has committed
                assertTrue(register.find("N0001").isEmpty(), "a committed chunk's clients are gone");
                assertThrows(ClientConflictException.class, () -> register.update("U1", ClientRulesTest.individual()
                        .clientId("U1").name("Ann Meanwhile").build(), register.get("U1").version()));
            }
            deleted.add(subject.clientId());
        });

        assertEquals(new ImportResult("job-4", NEW_CLIENTS, 1), reverted);
        assertEquals(NEW_CLIENTS, deleted.size());
        assertEquals("Ann Smith", register.get("U1").name());
        assertFalse(core.importClaims().holds("job-4"));
        ClientConflictException again = assertThrows(ClientConflictException.class, () -> ledger.revert("job-4"));
        assertTrue(again.getMessage().contains("already reverted"), again.getMessage());
    }

    @Test
    void aRevertCutOffByACrashIsCarriedOnWhenTheLedgerStartsAgain() throws Exception {
        ledger.apply("job-5", file(-1, () -> { }), 100, QUIET);
        ImportReverts reverts = reverts();
        core.write(em -> {
            reverts.beginRevert(em, "job-5");
            return null;
        });
        core.write(em -> reverts.revertCreated(em, "job-5", -1, subject -> { }));
        core.write(em -> reverts.revertUpdated(em, "job-5", 0)); // U1 restored; then the process died
        core.evictCachedClients();
        assertEquals("Ann Smith", register.get("U1").name());
        assertTrue(register.find("N0001").isEmpty());
        assertTrue(register.find(String.format("N%04d", NEW_CLIENTS)).isPresent(), "the revert was cut off");

        new JpaImportLedger(core); // the next start

        awaitNothingUnfinished("the cut-off revert was not carried on");
        assertTrue(register.find(String.format("N%04d", NEW_CLIENTS)).isEmpty(), "every client it created is gone");
        assertEquals(List.of(), found("imported"));
        assertEquals("Ann Smith", register.get("U1").name());
        assertEquals(1, auditEntries(AuditActions.IMPORT_REVERTED));
        assertEquals(1L, (long) core.read(em -> em.createQuery("SELECT COUNT(a) FROM AuditEntity a WHERE a.action = :action"
                + " AND a.clientId = 'U1' AND a.subject = 'revert of import job-5'", Long.class)
                .setParameter("action", AuditActions.CLIENT_UPDATED).getSingleResult()),
                "U1 was restored once, not again when the revert was carried on");
        assertFalse(core.importClaims().holds("job-5"));
    }

    private ImportReverts reverts() {
        return new ImportReverts(core.taxIds(), TestDatabase.CLOCK, Actor.SYSTEM);
    }

    private ClientImports imports() {
        return new ClientImports(core.taxIds(), TestDatabase.CLOCK, Actor.SYSTEM, office -> null, data -> List.of());
    }

    /** Polls: what a crash cut off is finished on a thread of its own. */
    private void awaitNothingUnfinished(String failure) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!core.read(ImportReverts::unfinished).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, failure);
            Thread.sleep(20); // polling interval
        }
    }

    private void assertNothingLeftOf(String importId) {
        assertTrue(register.find("N0001").isEmpty(), "no client of the file is left");
        assertEquals(List.of(), found("imported"), "nor found by the words it had");
        assertEquals(0, database.termRows("imported"));
        assertEquals("Ann Smith", register.get("U1").name(), "the client it updated has its values back");
        assertEquals(List.of("U1"), found("ann smith"));
        assertTrue(ledger.find(importId).isEmpty());
        assertFalse(core.importClaims().holds(importId), "its clients are no longer claimed");
        Client u1 = register.get("U1");
        register.update("U1", ClientRulesTest.individual().clientId("U1").name("Ann Smith").build(), u1.version());
    }

    private long auditEntries(String action) {
        return core.read(em -> em.createQuery("SELECT COUNT(a) FROM AuditEntity a WHERE a.action = :action",
                Long.class).setParameter("action", action).getSingleResult());
    }

    private List<String> found(String q) {
        return register.search(new ClientQuery(new ClientFilter(q, null, null, null), SortField.CLIENT_ID, false, 0,
                10)).items().stream().map(Client::clientId).toList();
    }

    /**
     * U1 renamed "Ann Imported", then {@link #NEW_CLIENTS} new clients N0001...; on the second reading (the
     * writing, after the check), {@code atRow} runs once it is reached.
     */
    private static ImportRows file(int atRow, Runnable atRowWhenWriting) {
        int[] readings = {0};
        return handler -> {
            readings[0]++;
            handler.row(2, ClientRulesTest.individual().clientId("U1").name("Ann Imported").build());
            for (int i = 1; i <= NEW_CLIENTS; i++) {
                if (readings[0] == 2 && i == atRow) {
                    atRowWhenWriting.run();
                }
                handler.row(i + 2, ClientRulesTest.individual().clientId(String.format("N%04d", i))
                        .name("Imported Person").email(String.format("n%04d@example.com", i)).build());
            }
        };
    }

    /** Stands for the process dying: escapes everything. */
    private static final class Crash extends RuntimeException {
    }
}
