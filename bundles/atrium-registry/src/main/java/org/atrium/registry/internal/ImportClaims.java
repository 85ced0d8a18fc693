package org.atrium.registry.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManager;

import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.FieldError;

/**
 * The imports whose rows are committed chunk by chunk and not yet all written (or being taken back after a
 * failure): on Derby, an import in one transaction would hold a table lock that makes every other user wait
 * for the whole file. Until such an import is applied, the clients it wrote are claimed: an edit, a deletion
 * or a toggle of one of them is refused with a conflict instead of being lost when the import is taken back.
 * Held in memory: embedded Derby is one process, and imports in one transaction (PostgreSQL) claim nothing.
 */
public final class ImportClaims {

    private final Set<String> imports = ConcurrentHashMap.newKeySet();

    public void claim(String importId) {
        imports.add(importId);
    }

    public void release(String importId) {
        imports.remove(importId);
    }

    public boolean holds(String importId) {
        return imports.contains(importId);
    }

    /** Refuses a change of a client that an import still writing created or updated. */
    public void requireUnclaimed(EntityManager em, ClientEntity client) {
        if (imports.isEmpty()) {
            return;
        }
        String importId = client.createdByImport() != null && imports.contains(client.createdByImport())
                ? client.createdByImport()
                : em.createQuery("SELECT u.importId FROM ImportUndoEntity u WHERE u.clientPk = :pk"
                        + " AND u.importId IN :running", String.class).setParameter("pk", client.pk())
                        .setParameter("running", List.copyOf(imports)).getResultList().stream().findFirst()
                        .orElse(null);
        if (importId != null) {
            throw new ClientConflictException(List.of(new FieldError(RegisterCore.ALL_FIELDS, "Client "
                    + client.clientId() + " is being written by import " + importId + ", which is still running: "
                    + "try again when it has finished.")));
        }
    }
}
