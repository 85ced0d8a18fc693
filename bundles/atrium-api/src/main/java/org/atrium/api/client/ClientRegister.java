package org.atrium.api.client;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The register of a firm's clients. Every way of creating or changing a client (REST, CSV import, a firm's
 * own bundle) goes through this service, so the client rules are enforced in one place. Each call is one
 * transaction: it applies entirely or not at all.
 */
@ProviderType
public interface ClientRegister {

    /**
     * Creates a client with status {@link RegistrationStatus#PENDING}.
     *
     * @throws ClientValidationException if a rule is broken
     * @throws ClientConflictException if the client ID or an email address is taken
     */
    Client create(ClientData data);

    Optional<Client> find(String clientId);

    /** @throws ClientNotFoundException if there is no such client */
    Client get(String clientId);

    /**
     * Replaces the client's data. A changed taxpayer email resets the status to {@code PENDING}; other
     * changes keep it. {@code data.clientId()} may differ from {@code clientId} to rename the client.
     *
     * @param expectedVersion the version the caller read
     * @throws StaleVersionException if the client changed since
     */
    Client update(String clientId, ClientData data, long expectedVersion);

    /** @throws ClientNotFoundException if there is no such client */
    void delete(String clientId);

    Client setPortalAccess(String clientId, boolean enabled);

    /** @throws ClientValidationException when enabling for a client without a mobile number */
    Client setSmsOtp(String clientId, boolean enabled);

    Client setDropOffAccess(String clientId, boolean enabled);

    Page<Client> search(ClientQuery query);

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
