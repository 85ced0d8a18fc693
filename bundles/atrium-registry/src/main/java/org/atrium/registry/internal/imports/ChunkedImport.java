package org.atrium.registry.internal.imports;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.atrium.api.imports.ImportProgress;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportRows;
import org.atrium.registry.internal.ImportClaims;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An import that commits every chunk of rows on its own (Derby, see {@link SqlDialect#commitsImportsInChunks}):
 * other users wait for one chunk at most, where a transaction of the whole file made them wait for all of it.
 * All or nothing still holds: until its last chunk the import is {@code APPLYING}, counts as not applied, and
 * its clients are claimed ({@link ImportClaims}: no one else may change them); if it fails, or the importer
 * stops, what it wrote is taken back before it returns, and after a crash when the register next starts.
 * Other users see its clients arrive as it writes.
 */
final class ChunkedImport {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkedImport.class);

    private final RegisterCore core;
    private final ClientImports imports;

    ChunkedImport(RegisterCore core, ClientImports imports) {
        this.core = core;
        this.imports = imports;
    }

    /** Writes rows that passed {@link ClientImports#check}, a transaction a chunk. */
    ImportResult apply(String importId, ImportRows rows, ImportProgress progress, KeyBlocks keys) {
        ImportClaims claims = core.importClaims();
        Instant now = core.write(em -> imports.begin(em, importId, true));
        claims.claim(importId);
        try {
            ClientImports.Written written = imports.writeRows(eachInATransactionOfItsOwn(keys), importId, now, rows,
                    progress);
            return core.write(em -> imports.finish(em, importId, now, written));
        } catch (RuntimeException | Error failure) {
            try {
                takeBack(importId);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
                LOG.error("Import {} failed and what it wrote could not be taken back now; its clients stay claimed "
                        + "until the register next starts, which takes it back", importId, e);
            }
            throw failure;
        } finally {
            claims.release(importId);
        }
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

    /**
     * Deletes the clients an unfinished import created and gives the ones it updated their values back, a
     * transaction a chunk, then forgets the import (its ID may be used again). The caller holds its claim.
     */
    void takeBack(String importId) {
        long deleted = 0;
        long afterPk = -1;
        while (true) {
            long after = afterPk;
            List<Long> chunk = core.write(em -> imports.takeBackCreated(em, importId, after));
            if (chunk.isEmpty()) {
                break;
            }
            core.evictCachedClients(chunk);
            deleted += chunk.size();
            afterPk = chunk.get(chunk.size() - 1);
        }
        long restored = 0;
        for (List<Long> chunk; !(chunk = core.write(em -> imports.takeBackUpdated(em, importId))).isEmpty(); ) {
            core.evictCachedClients(chunk);
            restored += chunk.size();
        }
        long deletedCount = deleted;
        long restoredCount = restored;
        core.write(em -> {
            imports.forgetTakenBack(em, importId, deletedCount, restoredCount);
            return null;
        });
        LOG.info("Unfinished import {} was taken back: {} clients deleted, {} restored", importId, deletedCount,
                restoredCount);
    }

    /**
     * Imports a crash cut off while they were written (APPLYING, and not being written here), taken back on a
     * thread of their own; their clients are claimed from now until that is done.
     */
    static void takeBackCutOff(RegisterCore core, ClientImports imports) {
        ImportClaims claims = core.importClaims();
        List<String> cutOff = core.read(ClientImports::applying).stream().filter(id -> !claims.holds(id)).toList();
        if (cutOff.isEmpty()) {
            return;
        }
        cutOff.forEach(claims::claim);
        Thread thread = new Thread(() -> {
            for (String importId : cutOff) {
                try {
                    synchronized (claims) { // no import writes meanwhile (see JpaImportLedger)
                        new ChunkedImport(core, imports).takeBack(importId);
                    }
                } catch (RuntimeException e) {
                    LOG.error("Import {}, cut off while it was written, could not be taken back; it is tried again "
                            + "when the register next starts", importId, e);
                } finally {
                    claims.release(importId);
                }
            }
        }, "atrium-import-take-back");
        thread.setDaemon(true);
        thread.start();
    }
}
