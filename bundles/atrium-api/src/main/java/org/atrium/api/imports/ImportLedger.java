package org.atrium.api.imports;

import java.util.Optional;

import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.security.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The register's side of imports: checking an import's rows against the client rules, applying them all or
 * nothing, and reverting an applied import. {@link ClientImportJobs} runs imports as jobs on top of it;
 * a firm's bundle may use either.
 * <p>
 * The service itself acts as {@link Actor#SYSTEM}; an import done for a user goes through {@link #as(Actor)}:
 * it reaches only the user's office locations and is audited under their name.
 */
@ProviderType
public interface ImportLedger {

    /** This ledger as seen by an actor: only the actor's office locations, audited under their name. */
    ImportLedger as(Actor actor);

    /**
     * Checks the rows of an import without changing anything: each row against the client rules (as
     * {@link org.atrium.api.client.ClientRegister#validate} does), client IDs and email addresses against each
     * other within the rows and against other clients, and office locations against the actor's. A row whose client ID exists would update that
     * client, a row with a new ID create one.
     *
     * @param maxProblems how many problems to list at most
     */
    ImportCheck check(ImportRows rows, int maxProblems, ImportProgress progress);

    /**
     * Applies an import, all or nothing: first every row is checked as {@link #check} does; if all
     * pass, new clients are created and existing ones overwritten with their row, each change audited under
     * the import's ID. The previous values of updated clients are kept so the import can be
     * {@linkplain #revert reverted}. On PostgreSQL this is one transaction. On embedded Derby, whose readers
     * would wait for a long transaction, it commits chunk by chunk: others see the clients arrive, may not change
     * them until the import is applied ({@link ClientConflictException}), and if it fails (or the process dies)
     * what it wrote is taken back (after a crash, when the register starts again).
     *
     * @param importId a unique ID chosen by the caller, e.g. the import job's
     * @throws ImportRejectedException if any row has a problem; nothing is changed
     * @throws ClientConflictException if another change took a client ID or email at the same time
     */
    ImportResult apply(String importId, ImportRows rows, int maxProblems, ImportProgress progress);

    /**
     * The import with this ID, if it was applied (all of it committed), reverted since or not: how a caller
     * whose process stopped during {@link #apply} learns whether the import took effect.
     */
    Optional<ImportResult> find(String importId);

    /**
     * Puts the register back as it was before an applied import: the clients it created are deleted, and
     * those it updated get their previous values back. One transaction, audited.
     *
     * @throws UnknownItemException if no import with this ID was applied
     * @throws ClientConflictException if it was already reverted
     * @throws ImportRevertBlockedException if any of those clients changed since; nothing is changed
     */
    ImportResult revert(String importId);
}
