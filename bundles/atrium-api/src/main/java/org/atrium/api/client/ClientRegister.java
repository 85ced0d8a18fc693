package org.atrium.api.client;

import java.util.List;
import java.util.Optional;

import org.atrium.api.security.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The register of a firm's clients. Every way of creating or changing a client (REST, CSV import, a firm's
 * own bundle) goes through this service, so the client rules are enforced in one place. Two services beside
 * it work on the same clients: {@link org.atrium.api.portal.PortalIdentity} (invitations, registration and
 * sign-in of the portal's people) and {@link org.atrium.api.imports.ImportLedger} (imports and their revert). Each call is one
 * transaction: it applies entirely or not at all, together with its entry in the audit trail.
 * <p>
 * The service itself acts as {@link Actor#SYSTEM}. Work done for a user goes through {@link #as(Actor)}:
 * that view records the user in the audit trail and reaches only the user's office locations; a client
 * outside them behaves as if it did not exist.
 */
@ProviderType
public interface ClientRegister {

    /**
     * This register as seen by an actor: searches, reads and changes cover only clients of the actor's
     * office locations, and every change is audited under the actor's name.
     */
    ClientRegister as(Actor actor);

    /** Who this view acts as. */
    Actor actor();

    /**
     * Creates a client with status {@link RegistrationStatus#PENDING}.
     *
     * @throws ClientValidationException if a rule is broken
     * @throws ClientConflictException if the client ID or an email address is taken
     * @throws AccessDeniedException if the client's office location is not one of the actor's
     */
    Client create(ClientData data);

    Optional<Client> find(String clientId);

    /**
     * The client with this {@linkplain Client#reference() reference}, whatever its client ID and emails are now;
     * empty once it is deleted (a reference is never given to another client).
     */
    Optional<Client> findByReference(String reference);

    /**
     * Which of these references belong to clients that exist: how a bundle that keeps things of clients finds
     * those of clients deleted while it was not running. Reaches every office.
     */
    java.util.Set<String> existingReferences(java.util.Collection<String> references);

    /** @throws ClientNotFoundException if there is no such client */
    Client get(String clientId);

    /**
     * Replaces the client's data. A changed taxpayer email resets the status to {@code PENDING} (it stays
     * {@code REGISTERED} while the spouse is registered) and the person must register again; so must a spouse
     * whose email changed. Other changes keep the status. {@code data.clientId()} may differ from {@code clientId} to rename the client.
     *
     * @param expectedVersion the version the caller read
     * @throws StaleVersionException if the client changed since
     * @throws AccessDeniedException when moving the client to an office location the actor does not hold
     */
    Client update(String clientId, ClientData data, long expectedVersion);

    /** @throws ClientNotFoundException if there is no such client */
    void delete(String clientId);

    Client setPortalAccess(String clientId, boolean enabled);

    /** @throws ClientValidationException when enabling for a client without a mobile number */
    Client setSmsOtp(String clientId, boolean enabled);

    Client setDropOffAccess(String clientId, boolean enabled);

    /**
     * The client's full SSN/EIN and spouse SSN. Only administrators may read them, and each read is
     * recorded in the audit trail.
     *
     * @throws AccessDeniedException if the actor is not an administrator
     */
    TaxIds readTaxIds(String clientId);

    /**
     * One page of clients matching the query's filter. Its total is exact unless the matches go on beyond
     * {@link ClientQuery#COUNTED_PAGES} pages from this one: counting every one of hundreds of thousands of
     * matches would cost more than the page.
     */
    Page<Client> search(ClientQuery query);

    /**
     * The exact number of clients matching the filter (within the actor's offices).
     *
     * @since 2.2
     */
    long count(ClientFilter filter);

    /**
     * Hands every client matching the filter (all pages) to the visitor, in the order asked (client ID
     * breaking ties, as in {@link #search}), after telling it how many matched. Clients are read in chunks,
     * each in its own short read, so memory does not grow with their number and no transaction stays open
     * while the visitor works: a client changed meanwhile appears as its chunk finds it, one deleted
     * meanwhile is left out.
     *
     * @return how many clients were handed over
     */
    long forEachClient(ClientFilter filter, SortField sort, boolean descending, ClientVisitor visitor);

    /** The client IDs of every client matching the filter (all pages), in client ID order. */
    List<String> findClientIds(ClientFilter filter);

    /**
     * Checks data against every client rule without changing anything, as {@link #create} (when the
     * client ID is new) or {@link #update} (when it exists) would.
     *
     * @return the broken rules; empty if the data can be saved
     */
    List<FieldError> validate(ClientData data);
}
