package org.atrium.registry.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.ImportCheck;
import org.atrium.api.client.ImportProblem;
import org.atrium.api.client.ImportProgress;
import org.atrium.api.client.ImportProgress.Stage;
import org.atrium.api.client.ImportResult;
import org.atrium.api.client.ImportRevertBlockedException;
import org.atrium.api.client.ImportRows;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.security.Actor;

/**
 * Imports for {@link JpaClientRegister}: checking every row of a file, writing them all, and reverting.
 * Rows are handled in chunks: one query finds the chunk's existing clients and taken emails, and the
 * entity manager is cleared after each chunk, so memory does not grow with the file (only the
 * {@link KeyIndex} of the file's client IDs and emails does, 12 bytes a key). The caller runs each method in
 * the transaction it needs.
 */
final class ClientImports {

    static final int CHUNK = 500;
    /** How many clients that block a revert are named. */
    static final int MAX_NAMED_BLOCKERS = 20;

    private final TaxIdCipher taxIds;
    private final Clock clock;
    private final Actor actor;
    private final Function<Integer, String> noOfficeAccess;

    ClientImports(TaxIdCipher taxIds, Clock clock, Actor actor, Function<Integer, String> noOfficeAccess) {
        this.taxIds = taxIds;
        this.clock = clock;
        this.actor = actor;
        this.noOfficeAccess = noOfficeAccess;
    }

    // --- check

    ImportCheck check(EntityManager em, ImportRows rows, int maxProblems, ImportProgress progress) {
        Checker checker = new Checker(em, maxProblems, progress);
        rows.read(checker::add);
        checker.checkChunk();
        return new ImportCheck(checker.rows, checker.creates, checker.updates, checker.problems, checker.capped);
    }

    private record Pending(long row, ClientData data) {
    }

    /** What the check needs to know about a client that already exists. */
    private record Existing(long pk, int office, boolean smsOtp) {
    }

    private final class Checker {
        private final EntityManager em;
        private final int maxProblems;
        private final ImportProgress progress;
        private final Set<Integer> offices;
        private final LocalDate today = LocalDate.now(clock);
        private final KeyIndex clientIds = new KeyIndex();
        private final KeyIndex emails = new KeyIndex();
        private final List<Pending> chunk = new ArrayList<>(CHUNK);
        private final List<ImportProblem> problems = new ArrayList<>();
        private boolean capped;
        private long rows;
        private long creates;
        private long updates;

        Checker(EntityManager em, int maxProblems, ImportProgress progress) {
            this.em = em;
            this.maxProblems = maxProblems;
            this.progress = progress;
            this.offices = new HashSet<>(em.createQuery("SELECT o.number FROM OfficeEntity o", Integer.class)
                    .getResultList());
        }

        void add(long row, ClientData data) {
            chunk.add(new Pending(row, ClientRules.normalize(data)));
            if (chunk.size() == CHUNK) {
                checkChunk();
            }
        }

        void checkChunk() {
            if (chunk.isEmpty()) {
                return;
            }
            Map<String, Existing> existing = existing();
            Map<String, Long> emailOwners = emailOwners();
            for (Pending pending : chunk) {
                checkRow(pending.row(), pending.data(), existing, emailOwners);
            }
            rows += chunk.size();
            chunk.clear();
            em.clear();
            progress.reached(Stage.CHECKING, rows);
        }

        private Map<String, Existing> existing() {
            List<String> keys = chunk.stream().map(p -> key(p.data().clientId())).filter(k -> k != null).toList();
            Map<String, Existing> existing = new HashMap<>();
            if (!keys.isEmpty()) {
                em.createQuery("SELECT c.clientIdKey, c.pk, c.officeLocation, c.smsOtp FROM ClientEntity c"
                        + " WHERE c.clientIdKey IN :keys", Object[].class).setParameter("keys", keys).getResultList()
                        .forEach(r -> existing.put((String) r[0],
                                new Existing((Long) r[1], (Integer) r[2], (Boolean) r[3])));
            }
            return existing;
        }

        private Map<String, Long> emailOwners() {
            List<String> keys = new ArrayList<>();
            for (Pending pending : chunk) {
                keys.addAll(emailKeys(pending.data()).keySet());
            }
            Map<String, Long> owners = new HashMap<>();
            if (!keys.isEmpty()) {
                em.createQuery("SELECT k, c.pk FROM ClientEntity c JOIN c.emailKeys k WHERE k IN :keys",
                        Object[].class).setParameter("keys", keys).getResultList()
                        .forEach(r -> owners.put((String) r[0], (Long) r[1]));
            }
            return owners;
        }

        private void checkRow(long row, ClientData data, Map<String, Existing> existingByKey,
                Map<String, Long> emailOwners) {
            List<FieldError> errors = new ArrayList<>(ClientRules.check(data, today));
            String key = key(data.clientId());
            Existing existing = key == null ? null : existingByKey.get(key);
            if (existing != null && !actor.mayAccess(existing.office())) {
                // as for create: the ID is taken, and by whom is none of this user's business
                errors.add(new FieldError("clientId", "Client ID '" + data.clientId() + "' is already in use."));
            }
            if (existing != null && existing.smsOtp() && !ClientRules.hasMobile(data.countryCode(),
                    data.mobileNumber())) {
                errors.add(ClientRules.smsOtpNeedsMobile());
            }
            Integer office = data.officeLocation();
            if (office != null && office > 0) {
                if (!offices.contains(office)) {
                    errors.add(new FieldError("officeLocation", "Office location " + office + " does not exist."));
                } else if (!actor.mayAccess(office)) {
                    errors.add(new FieldError("officeLocation", noOfficeAccess.apply(office)));
                }
            }
            if (key != null) {
                long first = clientIds.putIfAbsent(key, row);
                if (first > 0) {
                    errors.add(new FieldError("clientId", "Client ID '" + data.clientId() + "' is also on row "
                            + first + ": a client may appear only once in a file."));
                }
            }
            emailKeys(data).forEach((email, field) -> {
                long first = emails.putIfAbsent(email, row);
                if (first > 0 && first != row) {
                    errors.add(new FieldError(field, "Email address '" + email + "' is also on row " + first
                            + ": an email address may belong to one person only."));
                }
                Long owner = emailOwners.get(email);
                if (owner != null && (existing == null || owner != existing.pk())) {
                    errors.add(new FieldError(field, "This email address is already used by another client or"
                            + " spouse."));
                }
            });
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

    /** The lower-case email keys of taxpayer and spouse and the field each came from. */
    private static Map<String, String> emailKeys(ClientData data) {
        Map<String, String> keys = new HashMap<>(2);
        if (!ClientRules.isBlank(data.email())) {
            keys.put(ClientRules.emailKey(data.email()), "email");
        }
        if (data.marriedFilingJointly() && data.spouse() != null && !ClientRules.isBlank(data.spouse().email())) {
            keys.putIfAbsent(ClientRules.emailKey(data.spouse().email()), "spouse.email");
        }
        return keys;
    }

    private static String key(String clientId) {
        return ClientRules.isBlank(clientId) ? null : clientId.toLowerCase(Locale.ROOT);
    }

    // --- write

    /** Writes rows that passed {@link #check}; runs in the transaction of the whole import. */
    ImportResult write(EntityManager em, String importId, ImportRows rows, ImportProgress progress) {
        if (em.find(ImportBatchEntity.class, importId) != null) {
            throw new ClientConflictException(List.of(new FieldError("importId",
                    "Import " + importId + " was already applied.")));
        }
        Instant now = clock.instant();
        String subject = "import " + importId;
        ImportBatchEntity batch = new ImportBatchEntity(importId, actor.name(), now);
        em.persist(batch);
        Writer writer = new Writer(em, importId, subject, now, progress);
        rows.read(writer::add);
        writer.writeChunk();
        batch = em.find(ImportBatchEntity.class, importId);
        batch.counted(writer.created, writer.updated);
        AuditLog.append(em, now, actor.name(), AuditActions.IMPORT_APPLIED, null,
                subject + ": " + writer.created + " created, " + writer.updated + " updated", List.of());
        return new ImportResult(importId, writer.created, writer.updated);
    }

    private record Overwritten(ClientEntity entity, Client before, String snapshot) {
    }

    private final class Writer {
        private final EntityManager em;
        private final String importId;
        private final String subject;
        private final Instant now;
        private final ImportProgress progress;
        private final List<Pending> chunk = new ArrayList<>(CHUNK);
        private long rows;
        private long created;
        private long updated;

        Writer(EntityManager em, String importId, String subject, Instant now, ImportProgress progress) {
            this.em = em;
            this.importId = importId;
            this.subject = subject;
            this.now = now;
            this.progress = progress;
        }

        void add(long row, ClientData data) {
            chunk.add(new Pending(row, ClientRules.normalize(data)));
            if (chunk.size() == CHUNK) {
                writeChunk();
            }
        }

        void writeChunk() {
            if (chunk.isEmpty()) {
                return;
            }
            Map<String, ClientEntity> existing = new HashMap<>();
            em.createQuery("SELECT c FROM ClientEntity c WHERE c.clientIdKey IN :keys", ClientEntity.class)
                    .setParameter("keys", chunk.stream().map(p -> key(p.data().clientId())).toList())
                    .getResultList().forEach(c -> existing.put(c.clientIdKey(), c));
            List<ClientEntity> createdNow = new ArrayList<>();
            List<Overwritten> overwritten = new ArrayList<>();
            for (Pending pending : chunk) {
                ClientEntity entity = existing.get(key(pending.data().clientId()));
                if (entity == null) {
                    entity = ClientEntity.imported(pending.data(), now, taxIds, importId);
                    em.persist(entity);
                    createdNow.add(entity);
                } else {
                    if (!actor.mayAccess(entity.officeLocation())) { // created elsewhere since the check
                        throw new ClientConflictException(List.of(new FieldError("clientId", "Client ID '"
                                + pending.data().clientId() + "' is already in use.")));
                    }
                    overwritten.add(new Overwritten(entity, entity.toValue(taxIds), entity.snapshot()));
                    entity.apply(pending.data(), now, taxIds);
                }
            }
            em.flush();
            for (ClientEntity entity : createdNow) {
                audit(AuditActions.CLIENT_CREATED, null, entity);
            }
            for (Overwritten change : overwritten) {
                em.persist(new ImportUndoEntity(importId, change.entity(), change.snapshot()));
                audit(AuditActions.CLIENT_UPDATED, change.before(), change.entity());
            }
            em.flush();
            em.clear();
            created += createdNow.size();
            updated += overwritten.size();
            rows += chunk.size();
            chunk.clear();
            progress.reached(Stage.WRITING, rows);
        }

        private void audit(String action, Client before, ClientEntity entity) {
            Client after = entity.toValue(taxIds);
            AuditLog.append(em, now, actor.name(), action, after.clientId(), subject, AuditLog.diff(before, after));
        }
    }

    // --- revert

    /**
     * Deletes the clients an import created and restores the ones it updated, if none changed since; runs
     * in one transaction.
     */
    ImportResult revert(EntityManager em, String importId) {
        ImportBatchEntity batch = em.find(ImportBatchEntity.class, importId);
        if (batch == null) {
            throw new UnknownItemException("No import with ID " + importId + " was applied.");
        }
        if (batch.revertedAt() != null) {
            throw new ClientConflictException(List.of(new FieldError("importId", "Import " + importId
                    + " was already reverted at " + batch.revertedAt() + ".")));
        }
        requireUnchangedSince(em, importId);
        Instant now = clock.instant();
        String subject = "revert of import " + importId;
        long deleted = deleteCreated(em, importId, subject, now);
        long restored = restoreUpdated(em, importId, subject, now);
        em.find(ImportBatchEntity.class, importId).reverted(now);
        AuditLog.append(em, now, actor.name(), AuditActions.IMPORT_REVERTED, null,
                subject + ": " + deleted + " deleted, " + restored + " restored", List.of());
        return new ImportResult(importId, deleted, restored);
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

    private long deleteCreated(EntityManager em, String importId, String subject, Instant now) {
        long deleted = 0;
        while (true) {
            List<ClientEntity> chunk = em.createQuery("SELECT c FROM ClientEntity c WHERE c.createdByImport = :id"
                    + " ORDER BY c.pk", ClientEntity.class).setParameter("id", importId).setMaxResults(CHUNK)
                    .getResultList();
            if (chunk.isEmpty()) {
                return deleted;
            }
            for (ClientEntity entity : chunk) {
                Client before = entity.toValue(taxIds);
                em.remove(entity);
                AuditLog.append(em, now, actor.name(), AuditActions.CLIENT_DELETED, before.clientId(), subject,
                        AuditLog.diff(before, null));
            }
            em.flush();
            em.clear();
            deleted += chunk.size();
        }
    }

    private long restoreUpdated(EntityManager em, String importId, String subject, Instant now) {
        long restored = 0;
        long lastId = 0;
        while (true) {
            List<ImportUndoEntity> chunk = em.createQuery("SELECT u FROM ImportUndoEntity u WHERE u.importId = :id"
                    + " AND u.id > :last ORDER BY u.id", ImportUndoEntity.class).setParameter("id", importId)
                    .setParameter("last", lastId).setMaxResults(CHUNK).getResultList();
            if (chunk.isEmpty()) {
                return restored;
            }
            for (ImportUndoEntity undo : chunk) {
                ClientEntity entity = em.find(ClientEntity.class, undo.clientPk());
                Client before = entity.toValue(taxIds);
                entity.restore(undo.before());
                em.flush();
                Client after = entity.toValue(taxIds);
                AuditLog.append(em, now, actor.name(), AuditActions.CLIENT_UPDATED, after.clientId(), subject,
                        AuditLog.diff(before, after));
                lastId = undo.id();
            }
            em.flush();
            em.clear();
            restored += chunk.size();
        }
    }
}
