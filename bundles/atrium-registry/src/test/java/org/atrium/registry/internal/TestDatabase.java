package org.atrium.registry.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.transaction.TransactionManager;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The register's "atrium" persistence unit on a fresh in-memory Derby, outside OSGi: a {@link JpaTemplate}
 * and the little of a {@link TransactionManager} the register uses, as Aries JPA and the JTA manager give them
 * in Karaf, but with local transactions. Each instance is a database of its own.
 */
public final class TestDatabase implements AutoCloseable {

    static {
        // Derby's own log goes with the build's output, not into the source tree
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    /** The time the register's tests run at. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    private final String name = "register-" + UUID.randomUUID();
    private final EntityManagerFactory factory;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    private static final class Transaction {
        final EntityManager em;
        boolean rollbackOnly;

        Transaction(EntityManager em) {
            this.em = em;
        }
    }

    public TestDatabase() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("javax.persistence.jtaDataSource", "");
        properties.put("javax.persistence.jdbc.driver", "org.apache.derby.jdbc.EmbeddedDriver");
        String url = "jdbc:derby:memory:" + name + ";create=true";
        properties.put("javax.persistence.jdbc.url", url);
        createTables(url);
        factory = Persistence.createEntityManagerFactory("atrium", properties);
    }

    /** The tables from the register's Liquibase change log, as atrium-database creates them in Karaf. */
    private static void createTables(String url) {
        try (Connection connection = DriverManager.getConnection(url)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(AnalyticsArgs.ENABLED.getKey(), false, "liquibase.command.showSummaryOutput", "log"),
                    () -> new Liquibase("db/register.xml", new ClassLoaderResourceAccessor(), database)
                            .update(new Contexts(), new LabelExpression()));
        } catch (Exception e) {
            throw new IllegalStateException("the register's change log does not apply", e);
        }
    }

    /** The register's shared core on this database, with a fixed key and the given clock. */
    public RegisterCore core(Clock clock) {
        RegisterCore core = new RegisterCore(jpa(), transactions(), new TaxIdCipher(new byte[TaxIdCipher.KEY_BYTES]),
                clock);
        SchemaUpgrade.run(jpa(), core.taxIds());
        return core;
    }

    public JpaTemplate jpa() {
        return new JpaTemplate() {
            @Override
            public <R> R txExpr(TransactionType type, EmFunction<R> code) {
                Transaction joined = current.get();
                if (joined != null) {
                    return code.apply(joined.em);
                }
                EntityManager em = factory.createEntityManager();
                try {
                    if (type != TransactionType.Required && type != TransactionType.RequiresNew) {
                        return code.apply(em);
                    }
                    return inTransaction(em, code);
                } finally {
                    em.close();
                }
            }

            @Override
            public <R> R txExpr(EmFunction<R> code) {
                return txExpr(TransactionType.Required, code);
            }

            @Override
            public void tx(TransactionType type, EmConsumer code) {
                txExpr(type, em -> {
                    code.accept(em);
                    return null;
                });
            }

            @Override
            public void tx(EmConsumer code) {
                tx(TransactionType.Required, code);
            }
        };
    }

    private <R> R inTransaction(EntityManager em, EmFunction<R> code) {
        Transaction transaction = new Transaction(em);
        current.set(transaction);
        em.getTransaction().begin();
        try {
            R result = code.apply(em);
            if (transaction.rollbackOnly) {
                em.getTransaction().rollback();
            } else {
                em.getTransaction().commit();
            }
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        } finally {
            current.remove();
        }
    }

    /** The calls the register makes: marking the current transaction for rollback, and timeouts (ignored). */
    private TransactionManager transactions() {
        return (TransactionManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TransactionManager.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setRollbackOnly" -> {
                        current.get().rollbackOnly = true;
                        yield null;
                    }
                    case "setTransactionTimeout" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Event Admin as DS would inject it. */
    public static void listen(RegisterCore core, List<Event> events) throws Exception {
        Field field = RegisterCore.class.getDeclaredField("eventAdmin");
        field.setAccessible(true);
        field.set(core, new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        });
    }

    /** How many rows of CLIENT_TERM hold this word, whichever client they name. */
    public long termRows(String term) {
        return jpa().txExpr(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM CLIENT_TERM WHERE TERM = ?")
                .setParameter(1, term).getSingleResult()).longValue());
    }

    @Override
    public void close() {
        factory.close();
    }
}
