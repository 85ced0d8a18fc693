package org.atrium.registry.internal.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.atrium.api.imports.ImportCheck;
import org.atrium.api.imports.ImportLedger;
import org.atrium.api.imports.ImportProgress;
import org.atrium.api.imports.ImportRejectedException;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportRows;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.ClientEvents;
import org.atrium.registry.internal.ClientRules;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.Scope;
import org.atrium.registry.internal.SqlDialect;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The register's ledger of imports (see {@link ImportLedger}): the rows are checked and written by
 * {@link ClientImports}; an applied import is one long transaction on PostgreSQL, a transaction a chunk on Derby
 * ({@link ChunkedImport}), and its events follow its last commit. One import or revert writes at a time.
 */
@Component(service = ImportLedger.class)
public class JpaImportLedger implements ImportLedger {

    /** The tables an import or a revert writes in bulk. */
    private static final List<String> WRITTEN_TABLES = List.of("CLIENT", "CLIENT_EMAIL", "CLIENT_TERM",
            "AUDIT_EVENT", "IMPORT_UNDO");

    private final RegisterCore core;
    private final Scope scope;

    /** Finishes what a crash cut off of imports and reverts written chunk by chunk. */
    @Activate
    public JpaImportLedger(@Reference RegisterCore core) {
        this(core, new Scope(Actor.SYSTEM));
        ChunkedImport.finishCutOff(core, imports(), reverts());
    }

    private JpaImportLedger(RegisterCore core, Scope scope) {
        this.core = core;
        this.scope = scope;
    }

    @Override
    public ImportLedger as(Actor actor) {
        return new JpaImportLedger(core, new Scope(Objects.requireNonNull(actor, "actor")));
    }

    @Override
    public ImportCheck check(ImportRows rows, int maxProblems, ImportProgress progress) {
        return core.read(em -> imports().check(em, rows, maxProblems, progress));
    }

    @Override
    public ImportResult apply(String importId, ImportRows rows, int maxProblems, ImportProgress progress) {
        if (ClientRules.isBlank(importId) || importId.length() > ImportBatchEntity.MAX_ID) {
            throw new IllegalArgumentException("an import ID is 1 to " + ImportBatchEntity.MAX_ID + " characters");
        }
        ImportCheck check = check(rows, maxProblems, progress);
        if (!check.passed()) {
            throw new ImportRejectedException(check);
        }
        ImportResult result;
        synchronized (core.importClaims()) { // one import or revert writes at a time, recovery after a crash too
            KeyBlocks keys = core.write(em -> imports().takeKeys(em, check));
            try {
                result = core.read(SqlDialect::of).commitsImportsInChunks()
                        ? new ChunkedImport(core, imports(), reverts()).apply(importId, rows, progress, keys)
                        : core.inLongTransaction(() -> core.write(em -> imports().write(em, importId, rows, progress,
                                keys)));
            } finally {
                core.evictCachedClients(); // the import wrote with plain JDBC, past JPA's shared cache
            }
        }
        core.refreshStatistics(WRITTEN_TABLES);
        result = new ImportResult(result.importId(), result.created(), result.updated(), check.taxIdsCleared());
        core.events().imported(core.jpa(), result);
        return result;
    }

    @Override
    public Optional<ImportResult> find(String importId) {
        return core.read(em -> Optional.ofNullable(em.find(ImportBatchEntity.class, importId))
                .filter(ImportBatchEntity::applied).map(batch -> new ImportResult(batch.id(), batch.created(), batch.updated())));
    }

    @Override
    public ImportResult revert(String importId) {
        List<ClientEvents.Subject> deleted = new ArrayList<>();
        ImportResult result;
        synchronized (core.importClaims()) { // see apply
            try {
                if (core.read(SqlDialect::of).commitsImportsInChunks()) {
                    result = new ChunkedImport(core, imports(), reverts()).revert(importId, deleted::add);
                } else {
                    KeyBlocks keys = core.write(em -> reverts().takeKeysForRevert(em, importId));
                    result = core.inLongTransaction(() -> core.write(em -> {
                        deleted.clear(); // a retried transaction starts over
                        return reverts().revert(em, importId, deleted::add, keys);
                    }));
                }
            } finally {
                core.evictCachedClients();
            }
        }
        core.refreshStatistics(WRITTEN_TABLES);
        core.events().reverted(core.jpa(), result, deleted);
        return result;
    }

    private ImportReverts reverts() {
        return new ImportReverts(core.taxIds(), core.clock(), scope.actor());
    }

    private ClientImports imports() {
        return new ClientImports(core.taxIds(), core.clock(), scope.actor(), scope::noOfficeAccess,
                core.contributedRules()::check);
    }
}
