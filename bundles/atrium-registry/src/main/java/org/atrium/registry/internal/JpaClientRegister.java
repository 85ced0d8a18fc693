package org.atrium.registry.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import javax.persistence.Query;
import javax.persistence.TypedQuery;
import javax.transaction.SystemException;
import javax.transaction.TransactionManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.AtriumException;
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
import org.atrium.api.client.ImportCheck;
import org.atrium.api.client.ImportProgress;
import org.atrium.api.client.ImportRejectedException;
import org.atrium.api.client.ImportResult;
import org.atrium.api.client.ImportRows;
import org.atrium.api.client.Invitation;
import org.atrium.api.client.Page;
import org.atrium.api.client.Person;
import org.atrium.api.client.PortalAccessOffException;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.client.RegistrationRejectedException;
import org.atrium.api.client.SortField;
import org.atrium.api.client.Spouse;
import org.atrium.api.client.StaleVersionException;
import org.atrium.api.client.TaxIds;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.security.Actor;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;
import org.eclipse.persistence.queries.CursoredStream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The client register on the "atrium" persistence unit; every public method is one JTA transaction, which
 * also writes the change's audit entry. The DS component acts as {@link Actor#SYSTEM}; {@link #as(Actor)}
 * gives a view on the same state that acts for a user and reaches only the user's office locations.
 */
@Component(service = ClientRegister.class, configurationPid = "atrium.registry")
@Designate(ocd = RegisterConfig.class)
public class JpaClientRegister implements ClientRegister {

    private static final String ALL_FIELDS = "*";
    private static final String VALUE_SELECT = ClientEntity.VALUE_FIELDS.stream().map(field -> "c." + field)
            .collect(Collectors.joining(", "));
    /** Clients read per query by {@link #forEachClient}. */
    private static final int READ_CHUNK = 500;
    private static final int IMPORT_TRANSACTION_TIMEOUT_SECONDS = 6 * 60 * 60;
    private static final String UNKNOWN_LINK = "This registration link is not valid: it may be incomplete, or replaced "
            + "by a newer invitation. Open the link of your latest invitation email, or ask your firm for a new one.";
    private static final java.time.format.DateTimeFormatter LINK_DATE = java.time.format.DateTimeFormatter
            .ofPattern("MMMM d, yyyy", Locale.US).withZone(java.time.ZoneOffset.UTC);

    private final JpaTemplate jpa;
    private final TransactionManager transactions;
    private final TaxIdCipher taxIds;
    private final Clock clock;
    private final Actor actor;
    /** Shared with every actor's view. */
    private final ClientEvents events;

    @Activate
    public JpaClientRegister(@Reference(target = "(osgi.unit.name=atrium)") JpaTemplate jpa,
            @Reference TransactionManager transactions, BundleContext context, RegisterConfig config)
            throws IOException {
        this(jpa, transactions, new TaxIdCipher(TaxIdKeyFile.load(config.taxId_key(), keyFile(context))),
                Clock.systemUTC());
    }

    JpaClientRegister(JpaTemplate jpa, TransactionManager transactions, TaxIdCipher taxIds, Clock clock) {
        this.jpa = jpa;
        this.transactions = transactions;
        this.taxIds = taxIds;
        this.clock = clock;
        this.actor = Actor.SYSTEM;
        this.events = new ClientEvents();
        upgradeOldRows();
        ReferenceUpgrade.run(jpa);
    }

    private JpaClientRegister(JpaClientRegister register, Actor actor) {
        this.jpa = register.jpa;
        this.transactions = register.transactions;
        this.taxIds = register.taxIds;
        this.clock = register.clock;
        this.actor = actor;
        this.events = register.events;
    }

    /** Optional: events are a courtesy to other bundles; the register works without Event Admin. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin eventAdmin) {
        events.bind(eventAdmin);
    }

    void unbindEventAdmin(EventAdmin eventAdmin) {
        events.unbind(eventAdmin);
    }

    @Override
    public ClientRegister as(Actor actor) {
        return new JpaClientRegister(this, Objects.requireNonNull(actor, "actor"));
    }

    @Override
    public Actor actor() {
        return actor;
    }

    /** data/atrium/tax-id.key, beside the database rather than inside a bundle's cache. */
    private static Path keyFile(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data, "atrium", "tax-id.key")
                : context.getDataFile("tax-id.key").toPath();
    }

    /**
     * Schema evolution: rows written by an earlier version get their search text, and tax IDs stored in
     * plain text are encrypted.
     */
    private void upgradeOldRows() {
        jpa.tx(TransactionType.Required, em -> em
                .createQuery("SELECT c FROM ClientEntity c WHERE c.searchText IS NULL"
                        + " OR (c.taxId IS NOT NULL AND c.taxIdHash IS NULL)"
                        + " OR (c.spouseTaxId IS NOT NULL AND c.spouseTaxIdHash IS NULL)", ClientEntity.class)
                .getResultStream().forEach(c -> c.upgrade(taxIds)));
    }

    @Override
    public Client create(ClientData data) {
        ClientData normalized = ClientRules.normalize(data);
        rejectEarly(jpa.txExpr(TransactionType.Supports, em -> ruleErrors(em, normalized, null)));
        requireOfficeAccess(normalized.officeLocation(), "add clients to");
        Client created = write(em -> {
            requireSavable(em, normalized, null);
            requireOfficeAccess(normalized.officeLocation(), "add clients to");
            ClientEntity entity = ClientEntity.create(normalized, clock.instant(), taxIds);
            em.persist(entity);
            em.flush();
            Client value = value(entity);
            audit(em, AuditActions.CLIENT_CREATED, value.clientId(), AuditLog.diff(null, value));
            return value;
        });
        post(AtriumTopics.CLIENT_CREATED, created, null);
        return created;
    }

    @Override
    public Optional<Client> find(String clientId) {
        return jpa.txExpr(TransactionType.Supports, em -> findVisible(em, clientId).map(this::value));
    }

    @Override
    public Optional<Client> findByReference(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT c FROM ClientEntity c WHERE c.reference = :reference", ClientEntity.class)
                .setParameter("reference", reference).getResultStream().findFirst()
                .filter(entity -> actor.mayAccess(entity.officeLocation())).map(this::value));
    }

    @Override
    public Set<String> existingReferences(Collection<String> references) {
        List<String> asked = references.stream().filter(Objects::nonNull).distinct().toList();
        Set<String> existing = new HashSet<>();
        for (int from = 0; from < asked.size(); from += READ_CHUNK) {
            List<String> chunk = asked.subList(from, Math.min(asked.size(), from + READ_CHUNK));
            existing.addAll(jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
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
        Client stored = requireVisible(clientId);
        ClientData checked = updateOf(stored, data, expectedVersion);
        rejectEarly(jpa.txExpr(TransactionType.Supports,
                em -> ruleErrors(em, checked, findEntity(em, clientId).orElse(null))));
        requireMoveAllowed(stored, checked);
        Updated change = write(em -> {
            ClientEntity entity = requireEntity(em, clientId);
            Client before = value(entity);
            ClientData normalized = updateOf(before, data, expectedVersion);
            requireSavable(em, normalized, entity);
            requireMoveAllowed(before, normalized);
            entity.apply(normalized, clock.instant(), taxIds);
            em.flush();
            return recordUpdate(em, before, value(entity));
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
            requireOfficeAccess(update.officeLocation(), "move clients to");
        }
    }

    @Override
    public void delete(String clientId) {
        requireVisible(clientId);
        Client deleted = write(em -> {
            ClientEntity entity = requireEntity(em, clientId);
            Client before = value(entity);
            em.remove(entity);
            em.flush();
            audit(em, AuditActions.CLIENT_DELETED, before.clientId(), AuditLog.diff(before, null));
            return before;
        });
        post(AtriumTopics.CLIENT_DELETED, deleted, null);
    }

    @Override
    public TaxIds readTaxIds(String clientId) {
        if (!actor.administrator()) {
            throw new AccessDeniedException("Reading a full SSN/EIN is for system administrators only.");
        }
        requireVisible(clientId);
        return write(em -> {
            Client client = value(requireEntity(em, clientId));
            audit(em, AuditActions.TAX_ID_READ, client.clientId(), List.of());
            return new TaxIds(client.clientId(), client.type(), client.taxId(),
                    client.spouse() == null ? null : client.spouse().taxId());
        });
    }

    @Override
    public Client setPortalAccess(String clientId, boolean enabled) {
        return toggle(clientId, entity -> entity.setPortalAccess(enabled, clock.instant()));
    }

    @Override
    public Client setSmsOtp(String clientId, boolean enabled) {
        return toggle(clientId, entity -> {
            if (enabled && !ClientRules.hasMobile(entity.countryCode(), entity.mobileNumber())) {
                throw new ClientValidationException(List.of(ClientRules.smsOtpNeedsMobile()));
            }
            entity.setSmsOtp(enabled, clock.instant());
        });
    }

    @Override
    public Client setDropOffAccess(String clientId, boolean enabled) {
        return toggle(clientId, entity -> entity.setDropOffAccess(enabled, clock.instant()));
    }

    @Override
    public Client recordInvitation(String clientId, Invitation invitation) {
        if (!requireVisible(clientId).portalAccess()) {
            throw portalAccessOff(clientId);
        }
        Updated updated = write(em -> {
            ClientEntity entity = requireEntity(em, clientId);
            if (!entity.portalAccess()) {
                throw portalAccessOff(entity.clientId());
            }
            Client before = value(entity);
            entity.invited(invitation, clock.instant());
            em.flush();
            Client after = value(entity);
            List<FieldChange> changes = AuditLog.diff(before, after);
            audit(em, AuditActions.INVITATION_SENT, after.clientId(), changes);
            return new Updated(after, changes.stream().map(FieldChange::field).toArray(String[]::new));
        });
        post(AtriumTopics.CLIENT_UPDATED, updated.after(), updated.changedFields());
        return updated.after();
    }

    @Override
    public Client recordInvitationFailure(String clientId, String error) {
        requireVisible(clientId);
        return write(em -> {
            ClientEntity entity = requireEntity(em, clientId);
            entity.invitationFailed(error, clock.instant());
            em.flush();
            audit(em, AuditActions.INVITATION_FAILED, entity.clientId(),
                    List.of(new FieldChange("lastInvitationError", null, AuditLog.cut(error, 500))));
            return value(entity);
        });
    }

    @Override
    public PortalPerson registerPerson(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw new RegistrationRejectedException(UNKNOWN_LINK);
        }
        String hash = Invitation.hash(token.strip());
        Registered registered = write(em -> {
            // two indexed lookups: Derby answers an OR over two columns by reading every row
            ClientEntity entity = byToken(em, "inviteTokenHash", hash)
                    .or(() -> byToken(em, "spouseInviteTokenHash", hash))
                    .orElseThrow(() -> new RegistrationRejectedException(UNKNOWN_LINK));
            Person person = entity.personOfToken(hash).orElseThrow(() -> new RegistrationRejectedException(UNKNOWN_LINK));
            if (entity.registeredAt(person) != null) {
                // a used link, or a new invitation of someone registered: either way nothing to register
                throw new RegistrationRejectedException("You registered already, on "
                        + LINK_DATE.format(entity.registeredAt(person)) + ": sign in with your email address and an "
                        + "access code instead.");
            }
            if (entity.inviteExpiresAt() != null && !clock.instant().isBefore(entity.inviteExpiresAt())) {
                throw new RegistrationRejectedException("This registration link expired on "
                        + LINK_DATE.format(entity.inviteExpiresAt()) + ". Ask your firm to send you a new invitation.");
            }
            if (!entity.portalAccess()) {
                throw new PortalAccessOffException("Portal access is off for this client: ask your firm to turn it "
                        + "on. Nothing was changed.");
            }
            Client before = value(entity);
            entity.registered(person, clock.instant());
            em.flush();
            Client after = value(entity);
            List<FieldChange> changes = AuditLog.diff(before, after);
            AuditLog.append(em, clock.instant(), PortalPerson.auditName(after.clientId(), person),
                    AuditActions.CLIENT_REGISTERED, after.clientId(), null, changes);
            return new Registered(new PortalPerson(after, person),
                    changes.stream().map(FieldChange::field).toArray(String[]::new));
        });
        post(AtriumTopics.CLIENT_UPDATED, registered.person().client(), registered.changedFields());
        return registered.person();
    }

    @Override
    public Optional<PortalPerson> findPortalPerson(String email) {
        String key = ClientRules.emailKey(email);
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        // CLIENT_EMAIL holds every taxpayer's and spouse's address under a unique index
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT c FROM ClientEntity c"
                + " JOIN c.emailKeys e WHERE e = :key", ClientEntity.class).setParameter("key", key)
                .getResultStream().findFirst().map(entity -> {
                    Client client = value(entity);
                    Person person = key.equals(ClientRules.emailKey(client.email())) ? Person.TAXPAYER : Person.SPOUSE;
                    return new PortalPerson(client, person);
                }));
    }

    @Override
    public Client recordSignIn(String clientId, Person person) {
        return jpa.txExpr(TransactionType.Required, em -> {
            ClientEntity entity = findEntity(em, clientId).orElseThrow(() -> new ClientNotFoundException(clientId));
            java.time.Instant now = clock.instant();
            // a bulk update: no new version, so a staff member's open form does not become stale
            em.createQuery("UPDATE ClientEntity c SET c.lastSignInAt = :now WHERE c.pk = :pk")
                    .setParameter("now", now).setParameter("pk", entity.pk()).executeUpdate();
            AuditLog.append(em, now, PortalPerson.auditName(entity.clientId(), person), AuditActions.CLIENT_SIGNED_IN,
                    entity.clientId(), null, List.of());
            em.refresh(entity);
            return value(entity);
        });
    }

    private static Optional<ClientEntity> byToken(EntityManager em, String field, String hash) {
        return em.createQuery("SELECT c FROM ClientEntity c WHERE c." + field + " = :hash", ClientEntity.class)
                .setParameter("hash", hash).getResultStream().findFirst();
    }

    private record Registered(PortalPerson person, String[] changedFields) {
    }

    @Override
    public Page<Client> search(ClientQuery query) {
        if (reachesNoOffice()) {
            return new Page<>(List.of(), 0, query.page(), query.size());
        }
        return jpa.txExpr(TransactionType.Supports, em -> {
            Map<String, Object> parameters = new HashMap<>();
            String where = withinScope(where(query.filter(), parameters, taxIds::searchHash), parameters);
            long first = (long) query.page() * query.size();
            // staff: the IN over their offices keeps Derby from reading an ordered page off a sort index
            // (it sorted every row of those offices: 700 ms for 100,000), so they take the one-scan path too
            if (ClientRules.isBlank(query.filter().q()) && actor.administrator()) {
                return countThenPage(em, where, orderBy(query.sort(), query.descending()), parameters, query, first);
            }
            return matchOnceThenLoadPage(em, where, query.sort(), query.descending(), parameters, query, first);
        });
    }

    /** Without text to match, counting and reading one ordered page both use indexes. */
    private Page<Client> countThenPage(EntityManager em, String where, String orderBy,
            Map<String, Object> parameters, ClientQuery query, long first) {
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(c) FROM ClientEntity c" + where, Long.class);
        parameters.forEach(count::setParameter);
        long total = count.getSingleResult();
        List<Client> items = List.of();
        if (first < total) {
            TypedQuery<ClientEntity> select = em.createQuery("SELECT c FROM ClientEntity c" + where + orderBy,
                    ClientEntity.class);
            parameters.forEach(select::setParameter);
            items = select.setFirstResult((int) first).setMaxResults(query.size()).getResultList().stream()
                    .map(this::value).toList();
        }
        return new Page<>(items, total, query.page(), query.size());
    }

    /**
     * A partial text match (or a staff member's office scope) reads every row it may match, so it is done
     * once: all matches give the total and, ordered here, the page; only the page's rows are then loaded. Ordering in the database would make Derby walk
     * the sort index and fetch every row at random, three to four times slower than one scan.
     */
    private Page<Client> matchOnceThenLoadPage(EntityManager em, String where, SortField sort,
            boolean descending, Map<String, Object> parameters, ClientQuery query, long first) {
        TypedQuery<Object[]> match = em.createQuery(
                "SELECT c.pk, " + sortPath(sort) + ", c.clientIdKey FROM ClientEntity c" + where, Object[].class);
        parameters.forEach(match::setParameter);
        List<Long> matches = match.getResultList().stream().sorted(rowOrder(descending)).map(row -> (Long) row[0])
                .toList();
        if (first >= matches.size()) {
            return new Page<>(List.of(), matches.size(), query.page(), query.size());
        }
        List<Long> pageKeys = matches.subList((int) first, (int) Math.min(matches.size(), first + query.size()));
        Map<Long, ClientEntity> byKey = new HashMap<>();
        em.createQuery("SELECT c FROM ClientEntity c WHERE c.pk IN :keys", ClientEntity.class)
                .setParameter("keys", pageKeys).getResultList().forEach(c -> byKey.put(c.pk(), c));
        List<Client> items = pageKeys.stream().map(byKey::get).filter(Objects::nonNull).map(this::value)
                .toList();
        return new Page<>(items, matches.size(), query.page(), query.size());
    }

    @Override
    public long forEachClient(ClientFilter filter, SortField sort, boolean descending, ClientVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        if (reachesNoOffice()) {
            visitor.matching(0);
            return 0;
        }
        ClientFilter matching = filter == null ? ClientFilter.ALL : filter;
        SortField order = sort == null ? SortField.CLIENT_ID : sort;
        long[] keys = jpa.txExpr(TransactionType.Supports, em -> orderedKeys(em, matching, order, descending));
        visitor.matching(keys.length);
        long handedOver = 0;
        for (int from = 0; from < keys.length; from += READ_CHUNK) {
            long[] chunk = Arrays.copyOfRange(keys, from, Math.min(keys.length, from + READ_CHUNK));
            for (Client client : jpa.txExpr(TransactionType.Supports, em -> loadInOrder(em, chunk))) {
                visitor.visit(client);
                handedOver++;
            }
        }
        return handedOver;
    }

    /**
     * The keys alone, ordered by Derby (which sorts on disk when it must), read through a cursor: 8 bytes a
     * client in memory. A plain result list held a row object and a boxed key for each, 200 MB for a million.
     */
    private long[] orderedKeys(EntityManager em, ClientFilter filter, SortField sort, boolean descending) {
        Map<String, Object> parameters = new HashMap<>();
        Query select = em.createQuery("SELECT c.pk FROM ClientEntity c"
                + withinScope(where(filter, parameters, taxIds::searchHash), parameters) + orderBy(sort, descending));
        parameters.forEach(select::setParameter);
        select.setHint(QueryHints.CURSOR, HintValues.TRUE);
        select.setHint(QueryHints.CURSOR_PAGE_SIZE, READ_CHUNK);
        CursoredStream cursor = (CursoredStream) select.getSingleResult();
        try {
            long[] keys = new long[1024];
            int count = 0;
            while (cursor.hasNext()) {
                if (count == keys.length) {
                    keys = Arrays.copyOf(keys, count * 2);
                }
                keys[count++] = ((Number) cursor.next()).longValue();
                if (count % READ_CHUNK == 0) {
                    cursor.clear(); // drops the rows read so far
                }
            }
            return Arrays.copyOf(keys, count);
        } finally {
            cursor.close();
        }
    }

    /** The clients with these keys, in the keys' order, read as values (not entities). */
    private List<Client> loadInOrder(EntityManager em, long[] keys) {
        Map<Long, Object[]> byKey = new HashMap<>();
        // the key last, after the fields valueOf reads
        em.createQuery("SELECT " + VALUE_SELECT + ", c.pk FROM ClientEntity c WHERE c.pk IN :keys", Object[].class)
                .setParameter("keys", Arrays.stream(keys).boxed().toList())
                .getResultList().forEach(row -> byKey.put((Long) row[row.length - 1], row));
        List<Client> clients = new ArrayList<>(keys.length);
        for (long key : keys) {
            Object[] row = byKey.get(key);
            if (row != null) {
                clients.add(ClientEntity.valueOf(row, taxIds));
            }
        }
        return clients;
    }

    @Override
    public List<String> findClientIds(ClientFilter filter) {
        if (reachesNoOffice()) {
            return List.of();
        }
        return jpa.txExpr(TransactionType.Supports, em -> {
            Map<String, Object> parameters = new HashMap<>();
            TypedQuery<String> select = em.createQuery(
                    "SELECT c.clientId FROM ClientEntity c"
                            + withinScope(where(filter, parameters, taxIds::searchHash), parameters)
                            + " ORDER BY c.clientIdKey",
                    String.class);
            parameters.forEach(select::setParameter);
            return select.getResultList();
        });
    }

    @Override
    public List<FieldError> validate(ClientData data) {
        ClientData normalized = ClientRules.normalize(data);
        return jpa.txExpr(TransactionType.Supports, em -> {
            ClientEntity existing = normalized.clientId() == null ? null
                    : findEntity(em, normalized.clientId()).orElse(null);
            ClientData checked = existing == null ? normalized : keepMaskedTaxIds(normalized, value(existing));
            List<FieldError> problems = new ArrayList<>(ruleErrors(em, checked, existing));
            if (existing != null && !actor.mayAccess(existing.officeLocation())) {
                // as for create: the ID is taken, and by whom is none of this actor's business
                problems.add(ClientRules.clientIdTaken(checked.clientId()));
                return problems;
            }
            problems.addAll(conflicts(em, checked, existing));
            Integer office = checked.officeLocation();
            boolean officeChanges = existing == null || office == null || office != existing.officeLocation();
            if (office != null && officeChanges && !actor.mayAccess(office)) {
                problems.add(new FieldError("officeLocation", noOfficeAccess(office)));
            }
            return problems;
        });
    }

    // --- imports

    @Override
    public ImportCheck checkImport(ImportRows rows, int maxProblems, ImportProgress progress) {
        return jpa.txExpr(TransactionType.Supports, em -> imports().check(em, rows, maxProblems, progress));
    }

    @Override
    public ImportResult applyImport(String importId, ImportRows rows, int maxProblems, ImportProgress progress) {
        if (ClientRules.isBlank(importId) || importId.length() > ImportBatchEntity.MAX_ID) {
            throw new IllegalArgumentException("an import ID is 1 to " + ImportBatchEntity.MAX_ID + " characters");
        }
        ImportCheck check = checkImport(rows, maxProblems, progress);
        if (!check.passed()) {
            throw new ImportRejectedException(check);
        }
        ImportResult result;
        try {
            result = inLongTransaction(() -> write(em -> imports().write(em, importId, rows, progress)));
        } finally {
            evictCachedClients(); // the import wrote with plain JDBC, past JPA's shared cache
        }
        events.imported(jpa, result);
        return result;
    }

    private void evictCachedClients() {
        jpa.tx(TransactionType.Supports, em -> em.getEntityManagerFactory().getCache().evictAll());
    }

    @Override
    public Optional<ImportResult> findImport(String importId) {
        return jpa.txExpr(TransactionType.Supports, em -> Optional
                .ofNullable(em.find(ImportBatchEntity.class, importId))
                .map(batch -> new ImportResult(batch.id(), batch.created(), batch.updated())));
    }

    @Override
    public ImportResult revertImport(String importId) {
        List<ClientEvents.Subject> deleted = new ArrayList<>();
        ImportResult result;
        try {
            result = inLongTransaction(() -> write(em -> {
                deleted.clear(); // a retried transaction starts over
                return imports().revert(em, importId, deleted::add);
            }));
        } finally {
            evictCachedClients();
        }
        events.reverted(jpa, result, deleted);
        return result;
    }

    private ClientImports imports() {
        return new ClientImports(taxIds, clock, actor, this::noOfficeAccess);
    }

    /**
     * An import is one transaction however many rows it has; the transaction manager's default timeout
     * (10 minutes) would roll back a large one near its end.
     */
    private <R> R inLongTransaction(Supplier<R> work) {
        try {
            transactions.setTransactionTimeout(IMPORT_TRANSACTION_TIMEOUT_SECONDS);
            return work.get();
        } catch (SystemException e) {
            throw new IllegalStateException("cannot set the transaction timeout", e);
        } finally {
            try {
                transactions.setTransactionTimeout(0); // back to the default for this thread
            } catch (SystemException e) {
                // only a thread-local setting; the next setTransactionTimeout replaces it
            }
        }
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
        List<FieldError> errors = new ArrayList<>(ClientRules.check(data, LocalDate.now(clock)));
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
                    .setParameter("key", data.clientId().toLowerCase(Locale.ROOT)).setParameter("pk", ownPk)
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
        String taxId = data.taxId();
        if (taxId != null && stored.taxId() != null && data.type() != null
                && taxId.equals(data.type().maskTaxId(stored.taxId()))) {
            taxId = stored.taxId();
        }
        Spouse spouse = data.spouse();
        if (spouse != null && spouse.taxId() != null && stored.spouse() != null && stored.spouse().taxId() != null
                && spouse.taxId().equals(stored.spouse().maskedTaxId())) {
            spouse = new Spouse(spouse.name(), spouse.email(), stored.spouse().taxId(), spouse.dateOfBirth(),
                    spouse.countryCode(), spouse.mobileNumber());
        }
        return new ClientData(data.clientId(), data.type(), data.name(), data.email(), taxId, data.dateOfBirth(),
                data.countryCode(), data.mobileNumber(), data.officeLocation(), data.marriedFilingJointly(), spouse,
                data.spouseSignsFirst(), data.portalAccess(), data.smsOtp(), data.dropOffAccess());
    }

    // --- search

    /**
     * The JPQL WHERE clause of a filter; the values go into {@code parameters}, never into the text. A tax
     * ID is compared by its keyed hash, as only that is stored in searchable form.
     */
    static String where(ClientFilter filter, Map<String, Object> parameters, UnaryOperator<String> taxIdHash) {
        List<String> conditions = new ArrayList<>();
        if (!ClientRules.isBlank(filter.q())) {
            String q = filter.q().strip();
            parameters.put("text", "%" + escapeLike(q.toLowerCase(Locale.ROOT)) + "%");
            String text = "c.searchText LIKE :text ESCAPE '!'";
            Optional<String> taxId = filter.taxIdSearch();
            if (taxId.isPresent()) {
                parameters.put("taxIdHash", taxIdHash.apply(taxId.get()));
                text += " OR c.taxIdHash = :taxIdHash OR c.spouseTaxIdHash = :taxIdHash";
            }
            conditions.add("(" + text + ")");
        }
        if (filter.status() != null) {
            parameters.put("status", filter.status());
            conditions.add("c.status = :status");
        }
        if (filter.portalAccess() != null) {
            parameters.put("portalAccess", filter.portalAccess());
            conditions.add("c.portalAccess = :portalAccess");
        }
        if (filter.office() != null) {
            parameters.put("office", filter.office());
            conditions.add("c.officeLocation = :office");
        }
        if (filter.invitationFailed() != null) {
            conditions.add(filter.invitationFailed() ? "c.invitationError IS NOT NULL" : "c.invitationError IS NULL");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The column a sort field orders by; every one of them is NOT NULL. */
    private static String sortPath(SortField sort) {
        return switch (sort) {
            case CLIENT_ID -> "c.clientIdKey";
            case NAME -> "c.nameKey";
            case EMAIL -> "c.emailKey";
            case TYPE -> "c.type";
            case STATUS -> "c.status";
            case OFFICE_LOCATION -> "c.officeLocation";
            case CREATED_AT -> "c.createdAt";
            case UPDATED_AT -> "c.updatedAt";
        };
    }

    private static String orderBy(SortField sort, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        // client ID as the tie-breaker keeps pages stable
        return " ORDER BY " + sortPath(sort) + direction + (sort == SortField.CLIENT_ID ? "" : ", c.clientIdKey ASC");
    }

    /**
     * The same order as {@link #orderBy} for rows of {@code [pk, sort value, client ID key]}. Strings compare
     * by UTF-16 unit as Derby's UCS_BASIC compares by code point (the same outside rare surrogate pairs);
     * enums by their stored name.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object[]> rowOrder(boolean descending) {
        Comparator<Object[]> bySortValue = Comparator.comparing(row -> {
            Object value = row[1];
            return (Comparable) (value instanceof Enum<?> e ? e.name() : value);
        });
        return (descending ? bySortValue.reversed() : bySortValue)
                .thenComparing(row -> (String) row[2]);
    }

    // --- plumbing

    private interface Work<R> {
        R apply(EntityManager em);
    }

    /** An update's result and the names of the fields it changed. */
    private record Updated(Client after, String[] changedFields) {
    }

    private interface Change {
        void apply(ClientEntity entity);
    }

    /** What a write came to: its result, or the caller's mistake that stopped it. */
    private record Outcome<R>(R result, AtriumException rejection) {
        R get() {
            if (rejection != null) {
                throw rejection;
            }
            return result;
        }
    }

    /**
     * Runs a write in a transaction. A caller's mistake (invalid data, unknown client, stale version)
     * rolls back quietly: thrown through the template it would be logged as a fault with a stack trace.
     * Unique keys are checked before writing, with precise messages; if a concurrent request wins the race
     * in between, the database's unique constraint stops the write and it is reported the same way.
     */
    private <R> R write(Work<R> work) {
        try {
            Outcome<R> outcome = jpa.txExpr(TransactionType.Required, em -> {
                try {
                    return new Outcome<>(work.apply(em), null);
                } catch (AtriumException rejected) {
                    markRollbackOnly();
                    return new Outcome<>(null, rejected);
                }
            });
            return outcome.get();
        } catch (PersistenceException e) {
            if (ConstraintViolations.causedBy(e)) {
                throw new ClientConflictException(List.of(new FieldError(ALL_FIELDS,
                        "The client ID or an email address was taken by another change at the same time.")));
            }
            throw e;
        }
    }

    private void markRollbackOnly() {
        try {
            transactions.setRollbackOnly();
        } catch (SystemException e) {
            throw new IllegalStateException("cannot mark the transaction for rollback", e);
        }
    }

    private Client toggle(String clientId, Change change) {
        requireVisible(clientId);
        Updated updated = write(em -> {
            ClientEntity entity = requireEntity(em, clientId);
            Client before = value(entity);
            change.apply(entity);
            em.flush();
            return recordUpdate(em, before, value(entity));
        });
        post(AtriumTopics.CLIENT_UPDATED, updated.after(), updated.changedFields());
        return updated.after();
    }

    /**
     * The client, checked before a write transaction is opened: a caller's mistake found inside one rolls it
     * back, and the transaction manager logs every rollback as a warning. The checks inside the transaction
     * stay, as the authority when requests race.
     */
    private Client requireVisible(String clientId) {
        return find(clientId).orElseThrow(() -> new ClientNotFoundException(clientId));
    }

    private static void rejectEarly(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
    }

    private static ClientValidationException portalAccessOff(String clientId) {
        return new ClientValidationException(List.of(new FieldError("portalAccess", "Portal access is off for client '"
                + clientId + "': turn it on before sending the onboarding email.")));
    }

    /** Audits an update (if anything changed) in the transaction that made it. */
    private Updated recordUpdate(EntityManager em, Client before, Client after) {
        List<FieldChange> changes = AuditLog.diff(before, after);
        if (!changes.isEmpty()) {
            audit(em, AuditActions.CLIENT_UPDATED, after.clientId(), changes);
        }
        return new Updated(after, changes.stream().map(FieldChange::field).toArray(String[]::new));
    }

    private void audit(EntityManager em, String action, String clientId, List<FieldChange> changes) {
        AuditLog.append(em, clock.instant(), actor.name(), action, clientId, null, changes);
    }

    // --- office locations of the actor

    private boolean reachesNoOffice() {
        return !actor.administrator() && actor.offices().isEmpty();
    }

    /** Adds "only the actor's offices" to a WHERE clause (nothing for administrators). */
    private String withinScope(String where, Map<String, Object> parameters) {
        if (actor.administrator()) {
            return where;
        }
        parameters.put("scopeOffices", List.copyOf(actor.offices()));
        return (where.isEmpty() ? " WHERE " : where + " AND ") + "c.officeLocation IN :scopeOffices";
    }

    private void requireOfficeAccess(Integer office, String what) {
        if (office != null && !actor.mayAccess(office)) {
            throw new AccessDeniedException("You may not " + what + " office location " + office + ": "
                    + noOfficeAccess(office));
        }
    }

    private String noOfficeAccess(int office) {
        return "office location " + office + " is not among the office locations granted to user '" + actor.name()
                + "'" + (actor.offices().isEmpty() ? " (none)." : " (" + actor.offices().stream().sorted()
                        .map(String::valueOf).collect(Collectors.joining(", ")) + ").");
    }

    private Client value(ClientEntity entity) {
        return entity.toValue(taxIds);
    }

    private static Optional<ClientEntity> findEntity(EntityManager em, String clientId) {
        if (clientId == null) {
            return Optional.empty();
        }
        return em.createQuery("SELECT c FROM ClientEntity c WHERE c.clientIdKey = :key", ClientEntity.class)
                .setParameter("key", clientId.toLowerCase(Locale.ROOT)).getResultStream().findFirst();
    }

    /** The client, if it exists and is in one of the actor's offices; to others it does not exist. */
    private Optional<ClientEntity> findVisible(EntityManager em, String clientId) {
        return findEntity(em, clientId).filter(entity -> actor.mayAccess(entity.officeLocation()));
    }

    private ClientEntity requireEntity(EntityManager em, String clientId) {
        return findVisible(em, clientId).orElseThrow(() -> new ClientNotFoundException(clientId));
    }

    /** Posts after commit, asynchronously; events carry identifiers only. */
    private void post(String topic, Client client, String[] changedFields) {
        events.client(topic, client, changedFields, null);
    }

    /** @param previousClientId the ID before a rename; null if it did not change */
    private void post(String topic, Client client, String[] changedFields, String previousClientId) {
        events.client(topic, client, changedFields, previousClientId);
    }
}
