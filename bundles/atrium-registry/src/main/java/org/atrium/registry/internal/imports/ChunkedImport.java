package org.atrium.registry.internal.imports;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.persistence.EntityManager;

import org.atrium.api.imports.ImportProgress;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportRows;
import org.atrium.registry.internal.ClientEvents;
import org.atrium.registry.internal.ImportClaims;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An import, or its revert, that commits every chunk of rows on its own (Derby, see
 * {@link SqlDialect#commitsImportsInChunks}): other users wait for one chunk at most, where a transaction of the
 * whole file made them wait for all of it. All or nothing still holds. Until its last chunk an import is
 * {@code APPLYING}, counts as not applied, and its clients are claimed ({@link ImportClaims}: no one else may
 * change them); if it fails, or the importer stops, what it wrote is taken back before it returns, and after a
 * crash when the register next starts. A revert, once begun ({@code REVERTING}, its clients claimed), is carried
 * on to the end: by asking for it again, or when the register next starts. Other users see the clients come and
 * go as the chunks commit.
 */
final class ChunkedImport {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkedImport.class);

    private final RegisterCore core;
    private final ClientImports imports;
    private final ImportReverts reverts;

    ChunkedImport(RegisterCore core, ClientImports imports, ImportReverts reverts) {
        this.core = core;
        this.imports = imports;
        this.reverts = reverts;
    }

    /** Writes rows that passed {@link ClientImports#check}, a transaction a chunk. */
    ImportResult apply(String importId, ImportRows rows, ImportProgress progress, KeyBlocks keys) {
        ImportClaims claims = core.importClaims();
        Instant now = core.write(em -> imports.begin(em, importId, true));
        claims.claim(importId);
        ImportResult result;
        try {
            ClientImports.Written written = imports.writeRows(eachInATransactionOfItsOwn(keys), importId, now, rows,
                    progress);
            result = core.write(em -> imports.finish(em, importId, now, written));
        } catch (RuntimeException | Error failure) {
            try {
                takeBack(importId);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
                LOG.error("Import {} failed and what it wrote could not be taken back now; its clients stay claimed "
                        + "until the register next starts, which takes it back", importId, e);
                throw failure;
            }
            claims.release(importId);
            throw failure;
        }
        claims.release(importId);
        return result;
    }

    private ClientImports.ChunkTransactions eachInATransactionOfItsOwn(KeyBlocks keys) {
        return work -> core.evictCachedClients(core.write(em -> {
            try (ImportWriter jdbc = new ImportWriter(RegisterCore.connection(em), SqlDialect.of(em), keys)) {
                return work.write(em, jdbc);
            } catch (SQLException e) {
                throw ClientImports.sqlFailure(e);
            }
        }));
    }

    /** Deletes the next chunk of an import's clients, those after {@code afterPk}, handing each to {@code deleted}. */
    private interface ChunkOfDeletions {
        List<Long> delete(EntityManager em, long afterPk, Consumer<ClientEvents.Subject> deleted);
    }

    /**
     * Deletes clients an import created, a transaction a chunk; each chunk's clients are handed to
     * {@code deleted} once it has committed.
     *
     * @return how many were deleted
     */
    private long deleteCreated(ChunkOfDeletions chunks, Consumer<ClientEvents.Subject> deleted) {
        long count = 0;
        long afterPk = -1;
        while (true) {
            long after = afterPk;
            List<ClientEvents.Subject> subjects = new ArrayList<>();
            List<Long> chunk = core.write(em -> {
                subjects.clear();
                return chunks.delete(em, after, subjects::add);
            });
            if (chunk.isEmpty()) {
                return count;
            }
            core.evictCachedClients(chunk);
            subjects.forEach(deleted);
            count += chunk.size();
            afterPk = chunk.get(chunk.size() - 1);
        }
    }

    /**
     * Deletes the clients an unfinished import created and gives the ones it updated their values back, a
     * transaction a chunk, then forgets the import (its ID may be used again). The caller holds its claim.
     */
    void takeBack(String importId) {
        long deleted = deleteCreated((em, afterPk, subjects) -> reverts.takeBackCreated(em, importId, afterPk),
                subject -> { }); // never announced: the import's events follow its last chunk
        long restored = 0;
        for (List<Long> chunk; !(chunk = core.write(em -> reverts.takeBackUpdated(em, importId))).isEmpty(); ) {
            core.evictCachedClients(chunk);
            restored += chunk.size();
        }
        long deletedCount = deleted;
        long restoredCount = restored;
        core.write(em -> {
            reverts.forgetTakenBack(em, importId, deletedCount, restoredCount);
            return null;
        });
        LOG.info("Unfinished import {} was taken back: {} clients deleted, {} restored", importId, deletedCount,
                restoredCount);
    }

    /**
     * Reverts an applied import a chunk a transaction, or carries on a revert begun before. The deleted clients
     * are handed to {@code deleted} as their chunks commit. If a chunk fails, the import stays REVERTING and its
     * clients claimed, and the revert is carried on when asked for again or when the register next starts.
     */
    ImportResult revert(String importId, Consumer<ClientEvents.Subject> deleted) {
        core.write(em -> {
            reverts.beginRevert(em, importId);
            return null;
        });
        ImportClaims claims = core.importClaims();
        claims.claim(importId);
        ImportResult result = carryOnRevert(importId, deleted);
        claims.release(importId);
        return result;
    }

    private ImportResult carryOnRevert(String importId, Consumer<ClientEvents.Subject> deleted) {
        long deletedCount = deleteCreated((em, afterPk, subjects) -> reverts.revertCreated(em, importId, afterPk,
                subjects), deleted);
        long restoredCount = 0;
        long afterUndoId = 0;
        while (true) {
            long after = afterUndoId;
            ImportReverts.Restored chunk = core.write(em -> reverts.revertUpdated(em, importId, after));
            if (chunk.lastUndoId() < 0) {
                break;
            }
            core.evictCachedClients(chunk.clients());
            restoredCount += chunk.clients().size();
            afterUndoId = chunk.lastUndoId();
        }
        long deletedTotal = deletedCount;
        long restoredTotal = restoredCount;
        return core.write(em -> reverts.finishRevert(em, importId, deletedTotal, restoredTotal));
    }

    /**
     * After a crash: imports cut off while they were written (APPLYING) are taken back, reverts cut off
     * (REVERTING) carried on, on a thread of their own; their clients are claimed from now until that is done.
     * Only those not being written here: the register's services may start again while Atrium runs.
     */
    static void finishCutOff(RegisterCore core, ClientImports imports, ImportReverts reverts) {
        ImportClaims claims = core.importClaims();
        Map<String, List<String>> unfinished = core.read(ImportReverts::unfinished);
        List<String> applying = unclaimed(claims, unfinished.get(ImportBatchEntity.APPLYING));
        List<String> reverting = unclaimed(claims, unfinished.get(ImportBatchEntity.REVERTING));
        if (applying.isEmpty() && reverting.isEmpty()) {
            return;
        }
        applying.forEach(claims::claim);
        reverting.forEach(claims::claim);
        ChunkedImport chunked = new ChunkedImport(core, imports, reverts);
        Thread thread = new Thread(() -> {
            applying.forEach(importId -> finish(claims, importId, "taken back", () -> chunked.takeBack(importId)));
            reverting.forEach(importId -> finish(claims, importId, "reverted", () -> chunked.carryOnRevert(importId,
                    subject -> { }))); // the portal finds deleted clients itself when it starts (ClientDeletions)
        }, "atrium-import-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    private static List<String> unclaimed(ImportClaims claims, List<String> importIds) {
        return importIds == null ? List.of() : importIds.stream().filter(id -> !claims.holds(id)).toList();
    }

    private static void finish(ImportClaims claims, String importId, String what, Runnable work) {
        try {
            synchronized (claims) { // no import writes meanwhile (see JpaImportLedger)
                work.run();
            }
            claims.release(importId);
        } catch (RuntimeException e) {
            LOG.error("Import {}, cut off by a crash, could not be {} now; it is tried again when the register "
                    + "next starts", importId, what, e);
        }
    }
}
