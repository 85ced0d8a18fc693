package org.atrium.registry.internal.imports;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import javax.persistence.Query;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.FieldError;
import org.atrium.api.imports.ImportCheck;
import org.atrium.api.imports.ImportProblem;
import org.atrium.api.imports.ImportProgress.Stage;
import org.atrium.api.imports.ImportProgress;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportRows;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.AuditEntity;
import org.atrium.registry.internal.AuditLog;
import org.atrium.registry.internal.ClientEntity;
import org.atrium.registry.internal.ClientRules;
import org.atrium.registry.internal.OfficeEntity;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.MaskedTaxIds;
import org.atrium.registry.internal.SqlDialect;
import org.atrium.registry.internal.TaxIdCipher;

/**
 * Imports for {@link JpaImportLedger}: checking every row of a file and writing them all ({@link ImportReverts}
 * undoes them).
 * Rows are handled in chunks: one query finds the chunk's existing clients and taken emails, and the
 * entity manager is cleared after each chunk, so memory does not grow with the file (only the
 * {@link KeyIndex} of the file's client IDs and emails does, 12 bytes a key). The caller runs each method in
 * the transaction it needs.
 */
public final class ClientImports {

    static final int CHUNK = 500;
    /** Rows written in one import before its transaction first refreshes the statistics (then at each doubling). */
    static final long FIRST_STATISTICS_REFRESH = 20_000;
    /** The tables whose rows each chunk looks up (clients by ID, email claims). */
    private static final List<String> LOOKED_UP_TABLES = List.of("CLIENT", "CLIENT_EMAIL");

    private final TaxIdCipher taxIds;
    private final Clock clock;
    private final Actor actor;
    private final IntFunction<String> noOfficeAccess;
    /** Other bundles' client rules (see ContributedRules). */
    private final Function<ClientData, List<FieldError>> contributedRules;

    ClientImports(TaxIdCipher taxIds, Clock clock, Actor actor, IntFunction<String> noOfficeAccess,
            Function<ClientData, List<FieldError>> contributedRules) {
        this.taxIds = taxIds;
        this.clock = clock;
        this.actor = actor;
        this.noOfficeAccess = noOfficeAccess;
        this.contributedRules = contributedRules;
    }

    // --- check

    ImportCheck check(EntityManager em, ImportRows rows, int maxProblems, ImportProgress progress) {
        Checker checker = new Checker(em, maxProblems, progress);
        rows.read(checker::add);
        checker.finishChunk();
        return new ImportCheck(checker.rows, checker.creates, checker.updates, checker.problems, checker.capped,
                checker.taxIdsCleared);
    }

    private record Pending(long row, ClientData data) {
    }

    /**
     * Takes the rows one at a time and hands them on in chunks of {@link #CHUNK}, counting them and telling
     * the progress after each chunk.
     */
    private abstract static class Chunked {
        final List<Pending> chunk = new ArrayList<>(CHUNK);
        private final Stage stage;
        private final ImportProgress progress;
        long rows;

        Chunked(Stage stage, ImportProgress progress) {
            this.stage = stage;
            this.progress = progress;
        }

        final void add(long row, ClientData data) {
            chunk.add(new Pending(row, ClientRules.normalize(data)));
            if (chunk.size() == CHUNK) {
                finishChunk();
            }
        }

        final void finishChunk() {
            if (chunk.isEmpty()) {
                return;
            }
            handleChunk();
            rows += chunk.size();
            chunk.clear();
            progress.reached(stage, rows);
        }

        /** Does the work for the rows in {@link #chunk}. */
        abstract void handleChunk();
    }

    private final class Checker extends Chunked {
        private final EntityManager em;
        private final int maxProblems;
        private final ImportRowRules rules;
        private final List<ImportProblem> problems = new ArrayList<>();
        private boolean capped;
        private long creates;
        private long updates;
        private long taxIdsCleared;

        Checker(EntityManager em, int maxProblems, ImportProgress progress) {
            super(Stage.CHECKING, progress);
            this.em = em;
            this.maxProblems = maxProblems;
            this.rules = new ImportRowRules(actor, new HashSet<>(em.createQuery("SELECT o.number FROM OfficeEntity o",
                    Integer.class).getResultList()), LocalDate.now(clock), noOfficeAccess, contributedRules);
        }

        @Override
        void handleChunk() {
            Map<String, ImportRowRules.Existing> existing = existing();
            Map<String, Long> emailOwners = emailOwners();
            for (Pending pending : chunk) {
                checkRow(pending.row(), pending.data(), existing, emailOwners);
            }
            em.clear();
        }

        private Map<String, ImportRowRules.Existing> existing() {
            List<String> keys = chunk.stream().map(p -> key(p.data().clientId())).filter(k -> k != null).toList();
            Map<String, ImportRowRules.Existing> existing = new HashMap<>();
            for (Object[] r : byIndex(em, "SELECT CLIENT_ID_KEY, PK, OFFICE_LOCATION, SMS_OTP, TAX_ID, SPOUSE_TAX_ID "
                    + "FROM CLIENT", "UQ_CLIENT_ID_KEY", "CLIENT_ID_KEY", keys)) {
                existing.put((String) r[0], new ImportRowRules.Existing(((Number) r[1]).longValue(),
                        ((Number) r[2]).intValue(), bool(r[3]), (String) r[4], (String) r[5]));
            }
            return existing;
        }

        private Map<String, Long> emailOwners() {
            List<String> keys = new ArrayList<>();
            for (Pending pending : chunk) {
                keys.addAll(ImportRowRules.emailKeys(pending.data()).keySet());
            }
            Map<String, Long> owners = new HashMap<>();
            for (Object[] r : byIndex(em, "SELECT EMAIL_KEY, CLIENT_PK FROM CLIENT_EMAIL", "UQ_CLIENT_EMAIL",
                    "EMAIL_KEY", keys)) {
                owners.put((String) r[0], ((Number) r[1]).longValue());
            }
            return owners;
        }

        private void checkRow(long row, ClientData data, Map<String, ImportRowRules.Existing> existingByKey,
                Map<String, Long> emailOwners) {
            String key = key(data.clientId());
            ImportRowRules.Existing existing = key == null ? null : existingByKey.get(key);
            ClientData resolved = keepStoredTaxIds(data, existing);
            List<FieldError> errors = rules.check(row, resolved, existing, emailOwners);
            maskProblem("taxId", resolved.taxId(), existing, errors);
            maskProblem("spouse.taxId", resolved.spouse() == null ? null : resolved.spouse().taxId(), existing, errors);
            if (existing != null && existing.encryptedTaxId() != null && resolved.taxId() == null) {
                taxIdsCleared++;
            }
            if (existing != null && existing.encryptedSpouseTaxId() != null
                    && (resolved.spouse() == null || resolved.spouse().taxId() == null)) {
                taxIdsCleared++;
            }
            if (errors.isEmpty()) {
                if (existing == null) {
                    creates++;
                } else {
                    updates++;
                }
                return;
            }
            String clientId = data.clientId() == null ? "" : data.clientId();
            for (FieldError error : errors) {
                if (problems.size() == maxProblems) {
                    capped = true;
                    return;
                }
                problems.add(new ImportProblem(row, clientId, error.field(), error.message()));
            }
        }
    }

    /** A row's masked tax IDs that mask the stored ones, as the stored ones (decrypted only then). */
    private ClientData keepStoredTaxIds(ClientData data, ImportRowRules.Existing existing) {
        boolean masked = MaskedTaxIds.isMask(data.taxId())
                || data.spouse() != null && MaskedTaxIds.isMask(data.spouse().taxId());
        if (!masked || existing == null) {
            return data;
        }
        return MaskedTaxIds.keepStored(data, decrypt(existing.encryptedTaxId()),
                decrypt(existing.encryptedSpouseTaxId()));
    }

    private String decrypt(String stored) {
        return stored == null ? null : taxIds.decrypt(stored);
    }

    /** A mask left after {@link #keepStoredTaxIds}: no stored number it could keep. Says why, in place of "9 digits". */
    private static void maskProblem(String field, String taxId, ImportRowRules.Existing existing,
            List<FieldError> errors) {
        if (!MaskedTaxIds.isMask(taxId)) {
            return;
        }
        errors.removeIf(error -> error.field().equals(field));
        errors.add(new FieldError(field, existing == null
                ? "A masked number (XXX-XX-6789) keeps the one stored for an existing client, but this client is new: "
                        + "give the full number."
                : "This masked number is not the stored one's (the last four digits differ, or none is stored): give "
                        + "the full number, or the mask the export showed."));
    }

    /**
     * The rows of {@code select} whose {@code column} is one of {@code keys}, read through the unique index
     * {@code constraint} (see {@link SqlDialect#uniqueIndexHint}): a scan of the whole table, once per chunk,
     * would slow an import down as the register grows.
     */
    @SuppressWarnings("unchecked")
    private static List<Object[]> byIndex(EntityManager em, String select, String constraint, String column,
            List<String> keys) {
        return keys.isEmpty() ? List.of() : byIndexQuery(em, select, constraint, column, keys, null).getResultList();
    }

    private static Query byIndexQuery(EntityManager em, String select, String constraint, String column,
            List<String> keys, Class<?> entity) {
        StringBuilder sql = new StringBuilder(select).append(SqlDialect.of(em).uniqueIndexHint(constraint))
                .append("WHERE ").append(column).append(" IN (");
        for (int i = 1; i <= keys.size(); i++) {
            sql.append(i == 1 ? "?" : ", ?").append(i);
        }
        sql.append(')');
        Query query = entity == null ? em.createNativeQuery(sql.toString())
                : em.createNativeQuery(sql.toString(), entity);
        for (int i = 0; i < keys.size(); i++) {
            query.setParameter(i + 1, keys.get(i));
        }
        return query;
    }

    /** Derby returns BOOLEAN columns as Boolean; other databases may use numbers. */
    private static boolean bool(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }

    private static String key(String clientId) {
        return ClientRules.isBlank(clientId) ? null : ClientRules.clientIdKey(clientId);
    }

    // --- write

    /**
     * The keys an import of {@code check}'s rows will use (clients, audit entries, undo records), taken in the
     * caller's short transaction before the import's long one (see {@link KeyBlocks}).
     */
    KeyBlocks takeKeys(EntityManager em, ImportCheck check) {
        return takeKeys(em, Map.of("CLIENT_PK", check.creates(), "AUDIT_PK", check.creates() + check.updates(),
                "IMPORT_UNDO_PK", check.updates()));
    }

    static KeyBlocks takeKeys(EntityManager em, Map<String, Long> counts) {
        try {
            return KeyBlocks.take(RegisterCore.connection(em), counts);
        } catch (SQLException e) {
            throw sqlFailure(e);
        }
    }

    /** Writes rows that passed {@link #check}, all in the caller's transaction. */
    ImportResult write(EntityManager em, String importId, ImportRows rows, ImportProgress progress, KeyBlocks keys) {
        Instant now = begin(em, importId, false);
        try (ImportWriter jdbc = new ImportWriter(RegisterCore.connection(em), SqlDialect.of(em), keys)) {
            return finish(em, importId, now, writeRows(work -> work.write(em, jdbc), importId, now, rows, progress));
        } catch (SQLException e) {
            throw sqlFailure(e);
        }
    }

    /**
     * Records the import about to be written, in the caller's transaction; {@code chunked}: its chunks commit one
     * by one, and it stays {@code APPLYING} (not applied) until {@link #finish}.
     *
     * @return the time every entry of the import is written at
     */
    Instant begin(EntityManager em, String importId, boolean chunked) {
        if (em.find(ImportBatchEntity.class, importId) != null) {
            throw new ClientConflictException(List.of(new FieldError("importId",
                    "Import " + importId + " was already applied.")));
        }
        Instant now = clock.instant();
        em.persist(chunked ? ImportBatchEntity.applying(importId, actor.name(), now)
                : new ImportBatchEntity(importId, actor.name(), now));
        return now;
    }

    /** How many clients an import created and updated. */
    record Written(long created, long updated) {
    }

    /** Where each chunk of an import is written: in the import's one transaction, or in one of its own. */
    interface ChunkTransactions {
        void write(ChunkWork work) throws SQLException;
    }

    /** The writes of one chunk. */
    interface ChunkWork {
        /** @return the keys of the existing clients it changed (their cached copies are stale) */
        List<Long> write(EntityManager em, ImportWriter jdbc) throws SQLException;
    }

    /** Writes the rows chunk by chunk, each through {@code transactions}. */
    Written writeRows(ChunkTransactions transactions, String importId, Instant now, ImportRows rows,
            ImportProgress progress) {
        Writer writer = new Writer(transactions, importId, "import " + importId, now, progress);
        rows.read(writer::add);
        writer.finishChunk();
        return new Written(writer.created, writer.updated);
    }

    /** Marks the import applied, with its counts and its audit entry, in the caller's transaction. */
    ImportResult finish(EntityManager em, String importId, Instant now, Written written) {
        em.find(ImportBatchEntity.class, importId).counted(written.created(), written.updated());
        AuditLog.append(em, now, actor.name(), AuditActions.IMPORT_APPLIED, null, "import " + importId + ": "
                + written.created() + " created, " + written.updated() + " updated", List.of());
        return new ImportResult(importId, written.created(), written.updated());
    }

    private final class Writer extends Chunked {
        private final ChunkTransactions transactions;
        private final String importId;
        private final String subject;
        private final Instant now;
        private long created;
        private long updated;
        private long nextStatisticsRefresh = FIRST_STATISTICS_REFRESH;

        Writer(ChunkTransactions transactions, String importId, String subject, Instant now,
                ImportProgress progress) {
            super(Stage.WRITING, progress);
            this.transactions = transactions;
            this.importId = importId;
            this.subject = subject;
            this.now = now;
        }

        @Override
        void handleChunk() {
            try {
                transactions.write((em, jdbc) -> {
                    List<Long> changed = write(em, jdbc);
                    refreshStatisticsAsTheTableGrows(em);
                    return changed;
                });
            } catch (SQLException e) {
                throw sqlFailure(e);
            }
        }

        /**
         * PostgreSQL plans each chunk's lookup from statistics that may say the table is empty while this
         * transaction has written hundreds of thousands of rows; it then read a million-row import's lookups
         * through the wrong index (seconds a chunk). An ANALYZE in this transaction counts its own rows; done
         * each time the rows written double, it costs a few ANALYZEs a file. Derby's lookups name their index.
         */
        private void refreshStatisticsAsTheTableGrows(EntityManager em) {
            if (rows + chunk.size() < nextStatisticsRefresh) {
                return;
            }
            nextStatisticsRefresh *= 2;
            SqlDialect.of(em).statisticsRefresh(LOOKED_UP_TABLES)
                    .ifPresent(sql -> em.createNativeQuery(sql).executeUpdate());
        }

        private List<Long> write(EntityManager em, ImportWriter jdbc) throws SQLException {
            Map<String, ClientEntity> existing = existingClients(em);
            long creates = chunk.stream().filter(p -> !existing.containsKey(key(p.data().clientId()))).count();
            long nextPk = creates == 0 ? 0 : jdbc.reserveKeys("CLIENT_PK", (int) creates);
            List<AuditEntity> entries = new ArrayList<>(chunk.size());
            List<ImportUndoEntity> undos = new ArrayList<>();
            List<Long> changed = new ArrayList<>();
            for (Pending pending : chunk) {
                ClientEntity entity = existing.get(key(pending.data().clientId()));
                if (entity == null) {
                    entity = ClientEntity.imported(pending.data(), now, taxIds, importId, nextPk++);
                    jdbc.insert(entity);
                    entries.add(entry(AuditActions.CLIENT_CREATED, null, entity));
                    created++;
                } else {
                    if (!actor.mayAccess(entity.officeLocation())) { // created elsewhere since the check
                        throw new ClientConflictException(List.of(ClientRules.clientIdTaken(
                                pending.data().clientId())));
                    }
                    Client before = entity.toValue(taxIds);
                    String snapshot = entity.snapshot();
                    long readVersion = entity.version();
                    Set<String> wordsBefore = entity.searchTermsOfFields();
                    entity.overwriteByImport(MaskedTaxIds.keepStored(pending.data(), before.taxId(),
                            before.spouse() == null ? null : before.spouse().taxId()), now, taxIds);
                    jdbc.update(entity, readVersion, wordsBefore);
                    undos.add(new ImportUndoEntity(importId, entity, snapshot));
                    entries.add(entry(AuditActions.CLIENT_UPDATED, before, entity));
                    changed.add(entity.pk());
                    updated++;
                }
            }
            writeAudit(jdbc, entries);
            if (!undos.isEmpty()) {
                long nextUndoId = jdbc.reserveKeys("IMPORT_UNDO_PK", undos.size());
                for (ImportUndoEntity undo : undos) {
                    jdbc.undo(undo, nextUndoId++);
                }
            }
            if (!jdbc.execute()) {
                throw changedMeanwhile();
            }
            return changed;
        }

        /** The chunk's clients that exist, read in one query and detached: the writer, not JPA, saves them. */
        @SuppressWarnings("unchecked")
        private Map<String, ClientEntity> existingClients(EntityManager em) {
            List<String> keys = chunk.stream().map(p -> key(p.data().clientId())).toList();
            Map<String, ClientEntity> existing = new HashMap<>();
            ((List<ClientEntity>) byIndexQuery(em, "SELECT * FROM CLIENT", "UQ_CLIENT_ID_KEY", "CLIENT_ID_KEY", keys,
                    ClientEntity.class).getResultList()).forEach(c -> existing.put(c.clientIdKey(), c));
            em.clear();
            return existing;
        }

        private AuditEntity entry(String action, Client before, ClientEntity entity) {
            Client after = entity.toValue(taxIds);
            return new AuditEntity(now, actor.name(), action, after.clientId(), subject, AuditLog.diff(before, after));
        }
    }

    static ClientConflictException changedMeanwhile() {
        return new ClientConflictException(List.of(new FieldError("*",
                "A client in the file was changed by someone else while the import ran; nothing was written.")));
    }

    /** A unique key broken by a concurrent change is a conflict; anything else a fault. */
    static RuntimeException sqlFailure(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return new ClientConflictException(List.of(new FieldError("*", "A client ID or email address in the "
                        + "file was taken by another change while the import ran; nothing was written.")));
            }
        }
        return new PersistenceException("the import could not be written", e);
    }

    static void writeAudit(ImportWriter jdbc, List<AuditEntity> entries) throws SQLException {
        long nextId = jdbc.reserveKeys("AUDIT_PK", entries.size());
        for (AuditEntity entry : entries) {
            jdbc.audit(entry, nextId++);
        }
    }
}
