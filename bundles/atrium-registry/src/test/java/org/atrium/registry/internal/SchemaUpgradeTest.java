package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Statement;
import java.util.List;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.SortField;
import org.atrium.registry.internal.clients.JpaClientRegister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the register brings up to date when it starts on rows of an earlier version. */
class SchemaUpgradeTest {

    private TestDatabase database;
    private RegisterCore core;
    private ClientRegister register;

    @BeforeEach
    void start() {
        database = new TestDatabase();
        core = database.core(TestDatabase.CLOCK);
        new JpaOfficeDirectory(database.jpa());
        register = new JpaClientRegister(core);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void clientsWrittenBeforeSearchWordsGetThemInChunksWhenTheRegisterStarts() {
        int clients = 2_345; // more than two chunks
        for (int i = 0; i < clients; i++) {
            register.create(ClientRulesTest.individual().clientId(String.format("U%05d", i)).name("Una Upgrade" + i)
                    .email("u" + i + "@example.com").taxId(null).build());
        }
        // as change set 5 leaves a register of the version before: no words anywhere
        database.jpa().tx(em -> {
            try (Statement statement = RegisterCore.connection(em).createStatement()) {
                statement.executeUpdate("DELETE FROM CLIENT_TERM");
                statement.executeUpdate("UPDATE CLIENT SET SEARCH_TEXT = NULL");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        core.evictCachedClients();
        assertEquals(0, register.count(new ClientFilter("upgrade7", null, null, null)), "not found without words");

        SchemaUpgrade.run(database.jpa(), core.taxIds());

        assertEquals(List.of("U00007"), ids("upgrade7 u7"));
        assertEquals(111, register.count(new ClientFilter("upgrade7", null, null, null)), "7, 70-79, 700-799");
        assertEquals(clients, register.count(new ClientFilter("una", null, null, null)));
        assertEquals(clients, (long) database.jpa().txExpr(em -> ((Number) em.createNativeQuery(
                "SELECT COUNT(DISTINCT CLIENT_PK) FROM CLIENT_TERM WHERE TERM = 'example'").getSingleResult())
                .longValue()));
    }

    private List<String> ids(String q) {
        return register.search(new ClientQuery(new ClientFilter(q, null, null, null), SortField.CLIENT_ID, false, 0,
                20)).items().stream().map(Client::clientId).toList();
    }
}
