package org.atrium.registry.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.ClientNotFoundException;
import org.atrium.api.security.Actor;

/**
 * The clients an actor reaches: those of the actor's office locations (all, for administrators). A client
 * outside them behaves as if it did not exist.
 */
public record Scope(Actor actor) {

    public boolean reachesNoOffice() {
        return !actor.administrator() && actor.offices().isEmpty();
    }

    /** Adds "only the actor's offices" to a JPQL WHERE clause over {@code c} (nothing for administrators). */
    public String within(String where, Map<String, Object> parameters) {
        if (actor.administrator()) {
            return where;
        }
        parameters.put("scopeOffices", List.copyOf(actor.offices()));
        return (where.isEmpty() ? " WHERE " : where + " AND ") + "c.officeLocation IN :scopeOffices";
    }

    /** @param what what the actor may not do, e.g. "add clients to" */
    public void requireOfficeAccess(Integer office, String what) {
        if (office != null && !actor.mayAccess(office)) {
            throw new AccessDeniedException("You may not " + what + " office location " + office + ": "
                    + noOfficeAccess(office));
        }
    }

    public String noOfficeAccess(int office) {
        return "office location " + office + " is not among the office locations granted to user '" + actor.name()
                + "'" + (actor.offices().isEmpty() ? " (none)." : " (" + actor.offices().stream().sorted()
                        .map(String::valueOf).collect(Collectors.joining(", ")) + ").");
    }

    /** The client with this ID (ignoring case) in any office. */
    public static Optional<ClientEntity> findEntity(EntityManager em, String clientId) {
        if (clientId == null) {
            return Optional.empty();
        }
        return em.createQuery("SELECT c FROM ClientEntity c WHERE c.clientIdKey = :key", ClientEntity.class)
                .setParameter("key", ClientRules.clientIdKey(clientId)).getResultStream().findFirst();
    }

    /** The client, if it exists and is in one of the actor's offices. */
    public Optional<ClientEntity> findVisible(EntityManager em, String clientId) {
        return findEntity(em, clientId).filter(entity -> actor.mayAccess(entity.officeLocation()));
    }

    public ClientEntity requireEntity(EntityManager em, String clientId) {
        return findVisible(em, clientId).orElseThrow(() -> new ClientNotFoundException(clientId));
    }
}
