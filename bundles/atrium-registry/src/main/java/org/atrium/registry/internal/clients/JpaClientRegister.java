package org.atrium.registry.internal.clients;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientNotFoundException;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.ClientVisitor;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.Page;
import org.atrium.api.client.SortField;
import org.atrium.api.client.Spouse;
import org.atrium.api.client.StaleVersionException;
import org.atrium.api.client.TaxIds;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.AuditLog;
import org.atrium.registry.internal.ClientEntity;
import org.atrium.registry.internal.ClientRules;
import org.atrium.registry.internal.MaskedTaxIds;
import org.atrium.registry.internal.OfficeEntity;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.Scope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The client register on the "atrium" persistence unit (see {@link RegisterCore}): creating, reading,
 * changing and deleting clients under the client rules; searches are {@link ClientSearch}'s. Every public
 * method is one JTA transaction, which also writes the change's audit entry. The DS component acts as
 * {@link Actor#SYSTEM}; {@link #as(Actor)} gives a view on the same state that acts for a user and reaches
 * only the user's office locations.
 */
@Component(service = ClientRegister.class)
public class JpaClientRegister implements ClientRegister {

    private final RegisterCore core;
    private final Scope scope;
    private final SortFences fences;
    /** The DS component's; the views of {@link #as(Actor)} share its fences. */
    private volatile FencesAhead fencesAhead;

    @Activate
    public JpaClientRegister(@Reference RegisterCore core) {
        this(core, new Scope(Actor.SYSTEM), new SortFences(SortIndexWalk.LIMITS.window()));
    }

    @Activate
    void start() {
        fencesAhead = new FencesAhead(core, fences);
    }

    @Deactivate
    void stop() {
        fencesAhead.close();
    }

    private JpaClientRegister(RegisterCore core, Scope scope, SortFences fences) {
        this.core = core;
        this.scope = scope;
        this.fences = fences;
    }

    @Override
    public ClientRegister as(Actor actor) {
        return new JpaClientRegister(core, new Scope(Objects.requireNonNull(actor, "actor")), fences);
    }

    @Override
    public Actor actor() {
        return scope.actor();
    }

    @Override
    public Client create(ClientData data) {
        ClientData normalized = ClientRules.normalize(data);
        rejectEarly(core.read(em -> ruleErrors(em, normalized, null)));
        scope.requireOfficeAccess(normalized.officeLocation(), "add clients to");
        Client created = core.write(em -> {
            requireSavable(em, normalized, null);
            scope.requireOfficeAccess(normalized.officeLocation(), "add clients to");
            ClientEntity entity = ClientEntity.create(normalized, core.clock().instant(), core.taxIds());
            em.persist(entity);
            em.flush();
            Client value = core.value(entity);
            core.audit(em, scope.actor(), AuditActions.CLIENT_CREATED, value.clientId(), AuditLog.diff(null, value));
            return value;
        });
        post(AtriumTopics.CLIENT_CREATED, created, null);
        return created;
    }

    @Override
    public Optional<Client> find(String clientId) {
        return core.findVisible(scope, clientId);
    }

    @Override
    public Optional<Client> findByReference(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        return core.read(em -> em.createQuery(
                "SELECT c FROM ClientEntity c WHERE c.reference = :reference", ClientEntity.class)
                .setParameter("reference", reference).getResultStream().findFirst()
                .filter(entity -> scope.actor().mayAccess(entity.officeLocation())).map(core::value));
    }

    @Override
    public Set<String> existingReferences(Collection<String> references) {
        List<String> asked = references.stream().filter(Objects::nonNull).distinct().toList();
        Set<String> existing = new HashSet<>();
        for (int from = 0; from < asked.size(); from += ClientSearch.READ_CHUNK) {
            List<String> chunk = asked.subList(from, Math.min(asked.size(), from + ClientSearch.READ_CHUNK));
            existing.addAll(core.read(em -> em.createQuery(
                    "SELECT c.reference FROM ClientEntity c WHERE c.reference IN :references", String.class)
                    .setParameter("references", chunk).getResultList()));
        }
        return existing;
    }

    @Override
    public Client get(String clientId) {
        return find(clientId).orElseThrow(() -> new ClientNotFoundException(clientId));
    }

    @Override
    public Client update(String clientId, ClientData data, long expectedVersion) {
        Client stored = core.requireVisible(scope, clientId);
        ClientData checked = updateOf(stored, data, expectedVersion);
        rejectEarly(core.read(
                em -> ruleErrors(em, checked, Scope.findEntity(em, clientId).orElse(null))));
        requireMoveAllowed(stored, checked);
        Updated change = core.write(em -> {
            ClientEntity entity = requireChangeable(em, clientId);
            Client before = core.value(entity);
            ClientData normalized = updateOf(before, data, expectedVersion);
            requireSavable(em, normalized, entity);
            requireMoveAllowed(before, normalized);
            entity.apply(normalized, core.clock().instant(), core.taxIds());
            em.flush();
            return recordUpdate(em, before, core.value(entity));
        });
        post(AtriumTopics.CLIENT_UPDATED, change.after(), change.changedFields(),
                stored.clientId().equals(change.after().clientId()) ? null : stored.clientId());
        return change.after();
    }

    /** The data of an update based on {@code expectedVersion}; masked tax IDs sent back mean "unchanged". */
    private static ClientData updateOf(Client stored, ClientData data, long expectedVersion) {
        if (stored.version() != expectedVersion) {
            throw new StaleVersionException(stored.clientId(), expectedVersion, stored.version());
        }
        return keepMaskedTaxIds(ClientRules.normalize(data), stored);
    }

    /** Moving a client needs its new office too (its current one is given: the actor sees the client). */
    private void requireMoveAllowed(Client stored, ClientData update) {
        if (!Objects.equals(update.officeLocation(), stored.officeLocation())) {
            scope.requireOfficeAccess(update.officeLocation(), "move clients to");
        }
    }

    @Override
    public void delete(String clientId) {
        core.requireVisible(scope, clientId);
        Client deleted = core.write(em -> {
            ClientEntity entity = requireChangeable(em, clientId);
            Client before = core.value(entity);
            em.remove(entity);
            em.flush();
            core.audit(em, scope.actor(), AuditActions.CLIENT_DELETED, before.clientId(), AuditLog.diff(before, null));
            return before;
        });
        post(AtriumTopics.CLIENT_DELETED, deleted, null);
    }

    @Override
    public TaxIds readTaxIds(String clientId) {
        if (!scope.actor().administrator()) {
            throw new AccessDeniedException("Reading a full SSN/EIN is for system administrators only.");
        }
        core.requireVisible(scope, clientId);
        return core.write(em -> {
            Client client = core.value(scope.requireEntity(em, clientId));
            core.audit(em, scope.actor(), AuditActions.TAX_ID_READ, client.clientId(), List.of());
            return new TaxIds(client.clientId(), client.type(), client.taxId(),
                    client.spouse() == null ? null : client.spouse().taxId());
        });
    }

    @Override
    public Client setPortalAccess(String clientId, boolean enabled) {
        return toggle(clientId, entity -> entity.setPortalAccess(enabled, core.clock().instant()));
    }

    @Override
    public Client setSmsOtp(String clientId, boolean enabled) {
        return toggle(clientId, entity -> {
            if (enabled && !ClientRules.hasMobile(entity.countryCode(), entity.mobileNumber())) {
                throw new ClientValidationException(List.of(ClientRules.smsOtpNeedsMobile()));
            }
            entity.setSmsOtp(enabled, core.clock().instant());
        });
    }

    @Override
    public Client setDropOffAccess(String clientId, boolean enabled) {
        return toggle(clientId, entity -> entity.setDropOffAccess(enabled, core.clock().instant()));
    }

    @Override
    public List<FieldError> validate(ClientData data) {
        ClientData normalized = ClientRules.normalize(data);
        return core.read(em -> {
            ClientEntity existing = normalized.clientId() == null ? null
                    : Scope.findEntity(em, normalized.clientId()).orElse(null);
            ClientData checked = existing == null ? normalized : keepMaskedTaxIds(normalized, core.value(existing));
            List<FieldError> problems = new ArrayList<>(ruleErrors(em, checked, existing));
            if (existing != null && !scope.actor().mayAccess(existing.officeLocation())) {
                // as for create: the ID is taken, and by whom is none of this actor's business
                problems.add(ClientRules.clientIdTaken(checked.clientId()));
                return problems;
            }
            problems.addAll(conflicts(em, checked, existing));
            Integer office = checked.officeLocation();
            boolean officeChanges = existing == null || office == null || office != existing.officeLocation();
            if (office != null && officeChanges && !scope.actor().mayAccess(office)) {
                problems.add(new FieldError("officeLocation", scope.noOfficeAccess(office)));
            }
            return problems;
        });
    }

    // --- rules that need the database

    private void requireSavable(EntityManager em, ClientData data, ClientEntity existing) {
        List<FieldError> errors = ruleErrors(em, data, existing);
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
        List<FieldError> conflicts = conflicts(em, data, existing);
        if (!conflicts.isEmpty()) {
            throw new ClientConflictException(conflicts);
        }
    }

    private List<FieldError> ruleErrors(EntityManager em, ClientData data, ClientEntity existing) {
        List<FieldError> errors = new ArrayList<>(ClientRules.check(data, LocalDate.now(core.clock())));
        errors.addAll(core.contributedRules().check(data));
        boolean smsOtpStaysOn = data.smsOtp() == null && existing != null && existing.smsOtp();
        if (smsOtpStaysOn && !ClientRules.hasMobile(data.countryCode(), data.mobileNumber())) {
            errors.add(ClientRules.smsOtpNeedsMobile());
        }
        Integer office = data.officeLocation();
        if (office != null && office > 0 && em.find(OfficeEntity.class, office) == null) {
            errors.add(new FieldError("officeLocation", "Office location " + office + " does not exist."));
        }
        return errors;
    }

    private static List<FieldError> conflicts(EntityManager em, ClientData data, ClientEntity existing) {
        long ownPk = existing == null ? -1 : existing.pk();
        List<FieldError> conflicts = new ArrayList<>();
        if (!ClientRules.isBlank(data.clientId())) {
            Long otherCount = em.createQuery(
                    "SELECT COUNT(c) FROM ClientEntity c WHERE c.clientIdKey = :key AND c.pk <> :pk", Long.class)
                    .setParameter("key", ClientRules.clientIdKey(data.clientId())).setParameter("pk", ownPk)
                    .getSingleResult();
            if (otherCount > 0) {
                conflicts.add(ClientRules.clientIdTaken(data.clientId()));
            }
        }
        Map<String, String> fieldByEmail = new HashMap<>();
        if (!ClientRules.isBlank(data.email())) {
            fieldByEmail.put(ClientRules.emailKey(data.email()), "email");
        }
        if (data.marriedFilingJointly() && data.spouse() != null && !ClientRules.isBlank(data.spouse().email())) {
            fieldByEmail.putIfAbsent(ClientRules.emailKey(data.spouse().email()), "spouse.email");
        }
        if (!fieldByEmail.isEmpty()) {
            em.createQuery("SELECT k FROM ClientEntity c JOIN c.emailKeys k WHERE k IN :keys AND c.pk <> :pk",
                    String.class).setParameter("keys", List.copyOf(fieldByEmail.keySet())).setParameter("pk", ownPk)
                    .getResultList()
                    .forEach(taken -> conflicts.add(new FieldError(fieldByEmail.get(taken),
                            "This email address is already used by another client or spouse.")));
        }
        return conflicts;
    }

    /**
     * A client read through the API shows tax IDs masked; sending that masked value back in an update means
     * "unchanged", so a read-modify-write round trip never needs the full number.
     */
    private static ClientData keepMaskedTaxIds(ClientData data, Client stored) {
        return MaskedTaxIds.keepStored(data, stored.taxId(), stored.spouse() == null ? null : stored.spouse().taxId());
    }

    /** The client to change, if the actor may see it and no import still being written claims it. */
    private ClientEntity requireChangeable(EntityManager em, String clientId) {
        ClientEntity entity = scope.requireEntity(em, clientId);
        core.importClaims().requireUnclaimed(em, entity);
        return entity;
    }

    private Client toggle(String clientId, Change change) {
        core.requireVisible(scope, clientId);
        Updated updated = core.write(em -> {
            ClientEntity entity = requireChangeable(em, clientId);
            Client before = core.value(entity);
            change.apply(entity);
            em.flush();
            return recordUpdate(em, before, core.value(entity));
        });
        post(AtriumTopics.CLIENT_UPDATED, updated.after(), updated.changedFields());
        return updated.after();
    }

    private static void rejectEarly(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
    }

    /** Audits an update (if anything changed) in the transaction that made it. */
    private Updated recordUpdate(EntityManager em, Client before, Client after) {
        List<FieldChange> changes = AuditLog.diff(before, after);
        if (!changes.isEmpty()) {
            core.audit(em, scope.actor(), AuditActions.CLIENT_UPDATED, after.clientId(), changes);
        }
        return new Updated(after, changes.stream().map(FieldChange::field).toArray(String[]::new));
    }

    // --- search

    @Override
    public Page<Client> search(ClientQuery query) {
        return search().search(query);
    }

    @Override
    public long count(ClientFilter filter) {
        return search().count(filter == null ? ClientFilter.ALL : filter);
    }

    @Override
    public long forEachClient(ClientFilter filter, SortField sort, boolean descending, ClientVisitor visitor) {
        return search().forEachClient(filter, sort, descending, visitor);
    }

    @Override
    public List<String> findClientIds(ClientFilter filter) {
        return search().findClientIds(filter);
    }

    private ClientSearch search() {
        return new ClientSearch(core, scope, fences);
    }

    // --- plumbing

    /** An update's result and the names of the fields it changed. */
    private record Updated(Client after, String[] changedFields) {
    }

    private interface Change {
        void apply(ClientEntity entity);
    }

    /** Posts after commit, asynchronously; events carry identifiers only. */
    private void post(String topic, Client client, String[] changedFields) {
        core.events().client(topic, client, changedFields, null);
    }

    /** @param previousClientId the ID before a rename; null if it did not change */
    private void post(String topic, Client client, String[] changedFields, String previousClientId) {
        core.events().client(topic, client, changedFields, previousClientId);
    }
}
