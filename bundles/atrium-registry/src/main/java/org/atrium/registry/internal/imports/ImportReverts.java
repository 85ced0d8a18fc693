package org.atrium.registry.internal.imports;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportRevertBlockedException;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.AuditEntity;
import org.atrium.registry.internal.AuditLog;
import org.atrium.registry.internal.ClientEntity;
import org.atrium.registry.internal.ClientEvents;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.SqlDialect;
import org.atrium.registry.internal.TaxIdCipher;

/**
 * Undoing what {@link ClientImports} wrote: reverting an applied import (one transaction, or chunk by chunk
 * through {@link ChunkedImport}), and taking back an import that was written chunk by chunk and did not finish.
 * Works a chunk of {@link ClientImports#CHUNK} clients at a time; the caller runs each method in the transaction
 * it needs.
 */
final class ImportReverts {

    private static final int CHUNK = ClientImports.CHUNK;
    /** How many clients that block a revert are named. */
    static final int MAX_NAMED_BLOCKERS = 20;

    private final TaxIdCipher taxIds;
    private final Clock clock;
    private final Actor actor;

    ImportReverts(TaxIdCipher taxIds, Clock clock, Actor actor) {
        this.taxIds = taxIds;
        this.clock = clock;
        this.actor = actor;
    }

    /** The keys a revert of the import will use: an audit entry for each client it created or updated. */
    KeyBlocks takeKeysForRevert(EntityManager em, String importId) {
        ImportBatchEntity batch = em.find(ImportBatchEntity.class, importId);
        return batch == null || !batch.applied() || batch.revertedAt() != null ? KeyBlocks.NONE
                : ClientImports.takeKeys(em, Map.of("AUDIT_PK", batch.created() + batch.updated()));
    }

    /**
     * Deletes the clients an import created and restores the ones it updated, if none changed since; runs
     * in one transaction.
     */
    ImportResult revert(EntityManager em, String importId, Consumer<ClientEvents.Subject> deleted, KeyBlocks keys) {
        requireRevertable(em, importId);
        Instant now = clock.instant();
        try (ImportWriter jdbc = new ImportWriter(RegisterCore.connection(em), SqlDialect.of(em), keys)) {
            long deletedCount = deleteCreated(em, jdbc, importId, reverting(importId), now, deleted);
            long restored = restoreUpdated(em, jdbc, importId, reverting(importId), now);
            return finishRevert(em, importId, deletedCount, restored);
        } catch (SQLException e) {
            throw ClientImports.sqlFailure(e);
        }
    }

    private static String reverting(String importId) {
        return "revert of import " + importId;
    }

    /** Refuses a revert of an import not applied, already reverted, or with clients changed since. */
    private static void requireRevertable(EntityManager em, String importId) {
        ImportBatchEntity batch = em.find(ImportBatchEntity.class, importId);
        if (batch == null || !batch.applied()) {
            throw new UnknownItemException("No import with ID " + importId + " was applied.");
        }
        if (batch.revertedAt() != null) {
            throw new ClientConflictException(List.of(new FieldError("importId", "Import " + importId
                    + " was already reverted at " + batch.revertedAt() + ".")));
        }
        requireUnchangedSince(em, importId);
    }

    /** Marks the import reverted, with the revert's audit entry, in the caller's transaction. */
    ImportResult finishRevert(EntityManager em, String importId, long deleted, long restored) {
        Instant now = clock.instant();
        em.find(ImportBatchEntity.class, importId).reverted(now);
        AuditLog.append(em, now, actor.name(), AuditActions.IMPORT_REVERTED, null,
                reverting(importId) + ": " + deleted + " deleted, " + restored + " restored", List.of());
        return new ImportResult(importId, deleted, restored);
    }

    // --- a revert that commits chunk by chunk (see ChunkedImport)

    /**
     * Begins a revert that commits chunk by chunk, in the caller's transaction: checked as {@link #revert} is,
     * the import is marked REVERTING. One that was begun before (and cut off) is carried on, unchecked: the
     * clients it restored already changed, by the revert itself.
     */
    void beginRevert(EntityManager em, String importId) {
        ImportBatchEntity batch = em.find(ImportBatchEntity.class, importId);
        if (batch != null && batch.isReverting()) {
            return;
        }
        requireRevertable(em, importId);
        batch.reverting();
    }

    /**
     * Deletes the next chunk of the clients the import created, those after {@code afterPk}, in the caller's
     * transaction.
     *
     * @return the keys of the clients deleted, in order; empty if none was left
     */
    List<Long> revertCreated(EntityManager em, String importId, long afterPk, Consumer<ClientEvents.Subject> deleted) {
        return deleteCreatedChunk(em, importId, afterPk, reverting(importId), deleted);
    }

    /** {@link #deleteCreatedChunk(EntityManager, ImportWriter, String, long, String, Instant, Consumer)} on its own. */
    private List<Long> deleteCreatedChunk(EntityManager em, String importId, long afterPk, String subject,
            Consumer<ClientEvents.Subject> deleted) {
        try (ImportWriter jdbc = new ImportWriter(RegisterCore.connection(em), SqlDialect.of(em), KeyBlocks.NONE)) {
            return deleteCreatedChunk(em, jdbc, importId, afterPk, subject, clock.instant(), deleted);
        } catch (SQLException e) {
            throw ClientImports.sqlFailure(e);
        }
    }

    /** What one chunk of a revert of updates did: the last undo record read (-1: none left), the clients restored. */
    record Restored(long lastUndoId, List<Long> clients) {
    }

    /**
     * Gives the clients of the next chunk of undo records, after {@code afterUndoId}, their values back, in the
     * caller's transaction; a client no longer at the version the import left it at was restored already, by
     * this revert before it was cut off (the clients are claimed: no one else changes them).
     */
    Restored revertUpdated(EntityManager em, String importId, long afterUndoId) {
        List<ImportUndoEntity> undos = undoRecords(em, importId, afterUndoId);
        if (undos.isEmpty()) {
            return new Restored(-1, List.of());
        }
        List<ImportUndoEntity> pending = new ArrayList<>(undos.size());
        for (ImportUndoEntity undo : undos) {
            ClientEntity client = em.find(ClientEntity.class, undo.clientPk());
            if (client != null && client.version() == undo.versionAfter()) {
                pending.add(undo);
            }
        }
        try (ImportWriter jdbc = new ImportWriter(RegisterCore.connection(em), SqlDialect.of(em), KeyBlocks.NONE)) {
            List<Long> restored = pending.isEmpty() ? List.of()
                    : restore(em, jdbc, pending, reverting(importId), clock.instant());
            return new Restored(undos.get(undos.size() - 1).id(), restored);
        } catch (SQLException e) {
            throw ClientImports.sqlFailure(e);
        }
    }

    /**
     * A client the import created is unchanged while at version 1 (JPA's first version); one it updated
     * while at the version the import left it at. A deleted client the import created blocks nothing: it
     * is already gone.
     */
    private static void requireUnchangedSince(EntityManager em, String importId) {
        List<String> blockers = new ArrayList<>(em.createQuery("SELECT c.clientId FROM ClientEntity c"
                + " WHERE c.createdByImport = :id AND c.version <> 1 ORDER BY c.clientIdKey", String.class)
                .setParameter("id", importId).setMaxResults(MAX_NAMED_BLOCKERS).getResultList());
        long count = em.createQuery("SELECT COUNT(c) FROM ClientEntity c WHERE c.createdByImport = :id"
                + " AND c.version <> 1", Long.class).setParameter("id", importId).getSingleResult();
        String changedUpdates = " FROM ImportUndoEntity u WHERE u.importId = :id AND NOT EXISTS"
                + " (SELECT c FROM ClientEntity c WHERE c.pk = u.clientPk AND c.version = u.versionAfter)";
        em.createQuery("SELECT u.clientId" + changedUpdates + " ORDER BY u.clientId", String.class)
                .setParameter("id", importId).setMaxResults(MAX_NAMED_BLOCKERS).getResultList()
                .forEach(blockers::add);
        count += em.createQuery("SELECT COUNT(u)" + changedUpdates, Long.class).setParameter("id", importId)
                .getSingleResult();
        if (count > 0) {
            List<String> named = blockers.stream().limit(MAX_NAMED_BLOCKERS).toList();
            throw new ImportRevertBlockedException(importId, named, count - named.size());
        }
    }

    // --- the chunks of a revert or a take-back

    /** The clients the import created, in chunks along the primary key (they were given a block of keys). */
    private long deleteCreated(EntityManager em, ImportWriter jdbc, String importId, String subject, Instant now,
            Consumer<ClientEvents.Subject> deletedClients) throws SQLException {
        long deleted = 0;
        long lastPk = -1;
        for (List<Long> chunk; !(chunk = deleteCreatedChunk(em, jdbc, importId, lastPk, subject, now,
                deletedClients)).isEmpty(); lastPk = chunk.get(chunk.size() - 1)) {
            deleted += chunk.size();
        }
        return deleted;
    }

    /**
     * Deletes the next chunk of the clients the import created, those after {@code afterPk}.
     *
     * @return the keys of the clients deleted, in order; empty if none was left
     */
    @SuppressWarnings("unchecked")
    private List<Long> deleteCreatedChunk(EntityManager em, ImportWriter jdbc, String importId, long afterPk,
            String subject, Instant now, Consumer<ClientEvents.Subject> deletedClients) throws SQLException {
        List<ClientEntity> chunk = em.createNativeQuery("SELECT * FROM CLIENT WHERE PK > ?1"
                + " AND CREATED_BY_IMPORT = ?2 ORDER BY PK FETCH FIRST " + CHUNK + " ROWS ONLY", ClientEntity.class)
                .setParameter(1, afterPk).setParameter(2, importId).getResultList();
        em.clear();
        if (chunk.isEmpty()) {
            return List.of();
        }
        List<AuditEntity> entries = new ArrayList<>(chunk.size());
        List<Long> deleted = new ArrayList<>(chunk.size());
        for (ClientEntity entity : chunk) {
            Client before = entity.toValue(taxIds);
            jdbc.delete(entity);
            deletedClients.accept(ClientEvents.Subject.of(before));
            entries.add(new AuditEntity(now, actor.name(), AuditActions.CLIENT_DELETED, before.clientId(), subject,
                    AuditLog.diff(before, null)));
            deleted.add(entity.pk());
        }
        ClientImports.writeAudit(jdbc, entries);
        if (!jdbc.execute()) {
            throw ClientImports.changedMeanwhile();
        }
        return deleted;
    }

    /** The clients the import overwrote get their snapshot back. */
    private long restoreUpdated(EntityManager em, ImportWriter jdbc, String importId, String subject, Instant now)
            throws SQLException {
        long restored = 0;
        long lastId = 0;
        while (true) {
            List<ImportUndoEntity> chunk = undoRecords(em, importId, lastId);
            if (chunk.isEmpty()) {
                return restored;
            }
            restore(em, jdbc, chunk, subject, now);
            lastId = chunk.get(chunk.size() - 1).id();
            restored += chunk.size();
        }
    }

    /** The next chunk of the import's undo records, after the one with ID {@code afterId}. */
    private static List<ImportUndoEntity> undoRecords(EntityManager em, String importId, long afterId) {
        return em.createQuery("SELECT u FROM ImportUndoEntity u WHERE u.importId = :id AND u.id > :last ORDER BY u.id",
                ImportUndoEntity.class).setParameter("id", importId).setParameter("last", afterId)
                .setMaxResults(CHUNK).getResultList();
    }

    /** @return the keys of the restored clients */
    private List<Long> restore(EntityManager em, ImportWriter jdbc, List<ImportUndoEntity> undos, String subject,
            Instant now) throws SQLException {
        List<ClientEntity> clients = new ArrayList<>(undos.size());
        for (ImportUndoEntity undo : undos) {
            clients.add(em.find(ClientEntity.class, undo.clientPk()));
        }
        em.clear(); // the writer, not JPA, saves them
        List<AuditEntity> entries = new ArrayList<>(undos.size());
        List<Long> restored = new ArrayList<>(undos.size());
        for (int i = 0; i < undos.size(); i++) {
            ClientEntity entity = clients.get(i);
            Client before = entity.toValue(taxIds);
            long readVersion = entity.version();
            Set<String> wordsBefore = entity.searchTermsOfFields();
            entity.restoreByRevert(undos.get(i).before());
            jdbc.update(entity, readVersion, wordsBefore);
            Client after = entity.toValue(taxIds);
            entries.add(new AuditEntity(now, actor.name(), AuditActions.CLIENT_UPDATED, after.clientId(), subject,
                    AuditLog.diff(before, after)));
            restored.add(entity.pk());
        }
        ClientImports.writeAudit(jdbc, entries);
        if (!jdbc.execute()) {
            throw ClientImports.changedMeanwhile();
        }
        return restored;
    }

    // --- taking back an import that was written chunk by chunk and did not finish

    /**
     * The imports still being written or reverted chunk by chunk, or cut off by a crash while they were: their
     * IDs by state ({@code APPLYING}, {@code REVERTING}).
     */
    static Map<String, List<String>> unfinished(EntityManager em) {
        return em.createQuery("SELECT b.id, b.state FROM ImportBatchEntity b WHERE b.state <> :applied",
                Object[].class).setParameter("applied", ImportBatchEntity.APPLIED).getResultList().stream()
                .collect(Collectors.groupingBy(row -> (String) row[1],
                        Collectors.mapping(row -> (String) row[0], Collectors.toList())));
    }

    /**
     * Deletes the next chunk of the clients an unfinished import created, those after {@code afterPk}, in the
     * caller's transaction.
     *
     * @return the keys of the clients deleted, in order; empty if none was left
     */
    List<Long> takeBackCreated(EntityManager em, String importId, long afterPk) {
        return deleteCreatedChunk(em, importId, afterPk, takenBack(importId), subject -> { });
    }

    /**
     * Gives the next chunk of the clients an unfinished import updated their values back, and deletes those undo
     * records, in the caller's transaction.
     *
     * @return the keys of the clients restored; empty when none was left
     */
    List<Long> takeBackUpdated(EntityManager em, String importId) {
        List<ImportUndoEntity> undos = undoRecords(em, importId, 0);
        if (undos.isEmpty()) {
            return List.of();
        }
        try (ImportWriter jdbc = new ImportWriter(RegisterCore.connection(em), SqlDialect.of(em), KeyBlocks.NONE)) {
            List<Long> restored = restore(em, jdbc, undos, takenBack(importId), clock.instant());
            em.createQuery("DELETE FROM ImportUndoEntity u WHERE u.importId = :id AND u.id <= :last")
                    .setParameter("id", importId).setParameter("last", undos.get(undos.size() - 1).id())
                    .executeUpdate();
            return restored;
        } catch (SQLException e) {
            throw ClientImports.sqlFailure(e);
        }
    }

    /** Once all is taken back: the import's batch is gone (its ID may be used again), with an audit entry. */
    void forgetTakenBack(EntityManager em, String importId, long deleted, long restored) {
        ImportBatchEntity batch = em.find(ImportBatchEntity.class, importId);
        if (batch != null) {
            em.remove(batch);
        }
        AuditLog.append(em, clock.instant(), actor.name(), AuditActions.IMPORT_TAKEN_BACK, null,
                takenBack(importId) + ": " + deleted + " deleted, " + restored + " restored", List.of());
    }

    private static String takenBack(String importId) {
        return "unfinished import " + importId + " taken back";
    }

}
