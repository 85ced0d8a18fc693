package org.atrium.registry.internal;

import java.sql.Connection;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import javax.transaction.SystemException;
import javax.transaction.TransactionManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.AtriumException;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientNotFoundException;
import org.atrium.api.client.FieldError;
import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.keys.SecretKeys;
import org.atrium.api.security.Actor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the register's three services (the clients, the portal's people, the import ledger) share: the
 * "atrium" persistence unit and its transactions, the tax ID cipher, the clock, the events. Each of their
 * public methods is one JTA transaction through {@link #write}, which also holds the change's audit entry.
 * Private to this bundle.
 */
@Component(service = RegisterCore.class, configurationPid = "atrium.registry",
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=register)"))
@Designate(ocd = RegisterConfig.class)
public class RegisterCore {

    /** The field of a conflict that no single field caused. */
    static final String ALL_FIELDS = "*";
    private static final Logger LOG = LoggerFactory.getLogger(RegisterCore.class);
    private static final int LONG_TRANSACTION_TIMEOUT_SECONDS = 6 * 60 * 60;

    private final JpaTemplate jpa;
    private final TransactionManager transactions;
    private final TaxIdCipher taxIds;
    private final Clock clock;
    private final ClientEvents events = new ClientEvents(() -> this.eventAdmin);
    private final ImportClaims importClaims = new ImportClaims();

    /** Optional: events are a courtesy to other bundles; the register works without Event Admin. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /** Other bundles' client rules; none in unit tests. */
    @Reference
    private ContributedRules contributedRules = new ContributedRules();

    /**
     * Refuses a key the stored tax IDs were not encrypted with, then brings the tables of an earlier version up to
     * date, before any of the services is offered.
     */
    @Activate
    public RegisterCore(@Reference(target = "(osgi.unit.name=atrium)") JpaTemplate jpa,
            @Reference TransactionManager transactions, @Reference SecretKeys keys, RegisterConfig config) {
        this(jpa, transactions, EarlierTaxIdKey.cipher(config.taxId_key()).orElseGet(() -> TaxIdCipher.of(keys)),
                Clock.systemUTC());
        TaxIdKeyCheck.verify(jpa, taxIds, config.taxId_key().isBlank() ? "the master key (fingerprint "
                + keys.fingerprint() + ")" : "taxId.key of etc/atrium.registry.cfg");
        SchemaUpgrade.run(jpa, taxIds);
    }

    RegisterCore(JpaTemplate jpa, TransactionManager transactions, TaxIdCipher taxIds, Clock clock) {
        this.jpa = jpa;
        this.transactions = transactions;
        this.taxIds = taxIds;
        this.clock = clock;
    }

    public JpaTemplate jpa() {
        return jpa;
    }

    public TaxIdCipher taxIds() {
        return taxIds;
    }

    public Clock clock() {
        return clock;
    }

    /** The client rules other bundles registered, applied after Atrium's own wherever a client is stored. */
    public ContributedRules contributedRules() {
        return contributedRules;
    }

    public ClientEvents events() {
        return events;
    }

    /** The clients of imports still being written chunk by chunk, which no one else may change meanwhile. */
    public ImportClaims importClaims() {
        return importClaims;
    }

    public Client value(ClientEntity entity) {
        return entity.toValue(taxIds);
    }

    /** The client as the scope's actor sees it: empty if it does not exist or is outside their offices. */
    public Optional<Client> findVisible(Scope scope, String clientId) {
        return read(em -> scope.findVisible(em, clientId).map(this::value));
    }

    /**
     * The client, checked before a write transaction is opened: a caller's mistake found inside one rolls it
     * back, and the transaction manager logs every rollback as a warning. The checks inside the transaction
     * stay, as the authority when requests race.
     */
    public Client requireVisible(Scope scope, String clientId) {
        return findVisible(scope, clientId).orElseThrow(() -> new ClientNotFoundException(clientId));
    }

    /** The JDBC connection of the current transaction, for work sent as plain JDBC batches or DDL. */
    public static Connection connection(EntityManager em) {
        em.flush(); // makes JPA take its connection from the transaction
        return em.unwrap(Connection.class);
    }

    /** A read in a transaction if there is one, else without. */
    public <R> R read(Work<R> work) {
        return jpa.txExpr(TransactionType.Supports, work::apply);
    }

    /**
     * A read in a transaction (the current one, or its own), for reads that need one: through a cursor
     * (PostgreSQL's driver streams a result in pieces of the fetch size only with autocommit off, and would hold
     * every row in memory otherwise), or sending plain JDBC on the transaction's {@link #connection}.
     */
    public <R> R readInTransaction(Work<R> work) {
        return jpa.txExpr(TransactionType.Required, work::apply);
    }

    /** Work in a transaction. */
    public interface Work<R> {
        R apply(EntityManager em);
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
    public <R> R write(Work<R> work) {
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
            if (ConstraintViolations.concurrentChange(e)) {
                // two changes of one version at once: both passed the version check, the database kept one
                throw new ClientConflictException(List.of(new FieldError(ALL_FIELDS, "Someone else changed this "
                        + "client at the same moment: read it again and apply your change once more.")));
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

    /**
     * Work that may take hours (an import of a million rows is one transaction): the transaction manager's
     * default timeout (10 minutes) would roll it back near its end.
     */
    public <R> R inLongTransaction(Supplier<R> work) {
        try {
            transactions.setTransactionTimeout(LONG_TRANSACTION_TIMEOUT_SECONDS);
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

    /** After writes with plain JDBC (imports, reverts), past JPA's shared cache. */
    public void evictCachedClients() {
        jpa.tx(TransactionType.Supports, em -> em.getEntityManagerFactory().getCache().evictAll());
    }

    /** After some clients were written with plain JDBC, past JPA's shared cache. */
    public void evictCachedClients(Collection<Long> pks) {
        jpa.tx(TransactionType.Supports, em -> pks.forEach(pk -> em.getEntityManagerFactory().getCache()
                .evict(ClientEntity.class, pk)));
    }

    /**
     * After a bulk write has committed: the database's statistics of the tables it wrote brought up to date
     * (see {@link SqlDialect#statisticsRefresh}). A failure costs only speed until the database's own
     * maintenance comes, so it is logged, not thrown.
     */
    public void refreshStatistics(List<String> tables) {
        try {
            jpa.tx(TransactionType.Required, em -> SqlDialect.of(em).statisticsRefresh(tables)
                    .ifPresent(sql -> em.createNativeQuery(sql).executeUpdate()));
        } catch (PersistenceException e) {
            LOG.warn("Could not refresh the statistics of {} after a bulk write: {}", tables, e.getMessage());
        }
    }

    /** Records a change of a client in the transaction that made it. */
    public void audit(EntityManager em, Actor actor, String action, String clientId, List<FieldChange> changes) {
        AuditLog.append(em, clock.instant(), actor.name(), action, clientId, null, changes);
    }
}
