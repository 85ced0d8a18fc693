package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.imports.ImportResult;
import org.atrium.registry.internal.imports.ImportUndoEntity;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The register's events: what each carries, and the per-client events of imports and reverts. */
public class ClientEventsTest {

    private static final String REF_A = "6f1c3c52-6c1e-4d0b-9a51-5b1f7c1c000a";
    private static final String REF_B = "6f1c3c52-6c1e-4d0b-9a51-5b1f7c1c000b";

    private final List<Event> posted = new ArrayList<>();
    private final List<Event> sent = new ArrayList<>();
    private final EventAdmin eventAdmin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            sent.add(event);
        }
    };
    /** Rows the fake database answers, per query (the part of the JPQL that names the entity). */
    private final Map<String, Deque<List<Object[]>>> answers = new HashMap<>();

    @Test
    void aUserEventIsDeliveredBeforeTheCallReturns() {
        new ClientEvents(() -> eventAdmin).user(AtriumTopics.USER_MFA_RESET, "jane");
        assertEquals(List.of(), posted);
        assertEquals(1, sent.size(), "sent, not posted: the user's sessions have ended when the reset returns");
        assertEquals("jane", sent.get(0).getProperty(AtriumTopics.PROPERTY_USERNAME));
    }

    @Test
    void aClientEventCarriesItsIdentifiersOnly() {
        Client renamed = client("1002", REF_A, 3);
        new ClientEvents(() -> eventAdmin).client(AtriumTopics.CLIENT_UPDATED, renamed, new String[] {"clientId"},
                "1001");

        assertEquals(List.of(), sent, "client events are posted: a slow handler never holds up a change");
        Event event = posted.get(0);
        assertEquals(AtriumTopics.CLIENT_UPDATED, event.getTopic());
        assertEquals("1002", event.getProperty(AtriumTopics.PROPERTY_CLIENT_ID));
        assertEquals(REF_A, event.getProperty(AtriumTopics.PROPERTY_CLIENT_REFERENCE));
        assertEquals(3, event.getProperty(AtriumTopics.PROPERTY_OFFICE));
        assertEquals("1001", event.getProperty(AtriumTopics.PROPERTY_PREVIOUS_CLIENT_ID));
        assertArrayEquals(new String[] {"clientId"}, (String[]) event.getProperty(AtriumTopics.PROPERTY_CHANGED_FIELDS));
        assertFalse(List.of(event.getPropertyNames()).contains("email"));
    }

    @Test
    void withoutEventAdminNothingIsPostedAndNothingFails() {
        new ClientEvents(() -> null).client(AtriumTopics.CLIENT_CREATED, client("1", REF_A, 1), null, null);
        new ClientEvents(() -> null).imported(database(), new ImportResult("job-1", 1, 0));
        assertTrue(posted.isEmpty());
    }

    @Test
    void anImportPostsItsClientsThenItself() {
        // created clients come in two chunks: a full one would be 500 rows, so one short chunk ends the reading
        answers.put("FROM ClientEntity c WHERE c.createdByImport", new ArrayDeque<>(List.of(
                List.<Object[]>of(new Object[] {10L, REF_A, "1001", 1}, new Object[] {11L, REF_B, "1002", 2}))));
        answers.put("FROM ImportUndoEntity u", new ArrayDeque<>(List.of(
                List.<Object[]>of(new Object[] {7L, "6f1c3c52-6c1e-4d0b-9a51-5b1f7c1c000c", "0900", 1}))));

        new ClientEvents(() -> eventAdmin).imported(database(), new ImportResult("job-1", 2, 1));

        assertEquals(List.of(AtriumTopics.CLIENT_CREATED, AtriumTopics.CLIENT_CREATED, AtriumTopics.CLIENT_UPDATED,
                AtriumTopics.IMPORTED), posted.stream().map(Event::getTopic).toList());
        assertEquals(REF_B, posted.get(1).getProperty(AtriumTopics.PROPERTY_CLIENT_REFERENCE));
        assertEquals(2, posted.get(1).getProperty(AtriumTopics.PROPERTY_OFFICE));
        assertTrue(posted.stream().allMatch(e -> "job-1".equals(e.getProperty(AtriumTopics.PROPERTY_IMPORT_ID))));
        Event summary = posted.get(3);
        assertEquals(2L, summary.getProperty(AtriumTopics.PROPERTY_CREATED));
        assertEquals(1L, summary.getProperty(AtriumTopics.PROPERTY_UPDATED));
    }

    @Test
    void aRevertPostsTheClientsItDeletedAndRestored() {
        answers.put("FROM ImportUndoEntity u", new ArrayDeque<>(List.of(List.of())));

        new ClientEvents(() -> eventAdmin).reverted(database(), new ImportResult("job-2", 1, 0),
                List.of(new ClientEvents.Subject(REF_A, "1001", 1)));

        assertEquals(List.of(AtriumTopics.CLIENT_DELETED, AtriumTopics.IMPORT_REVERTED),
                posted.stream().map(Event::getTopic).toList());
        assertEquals(REF_A, posted.get(0).getProperty(AtriumTopics.PROPERTY_CLIENT_REFERENCE));
        assertEquals(1L, posted.get(1).getProperty(AtriumTopics.PROPERTY_DELETED));
        assertEquals(0L, posted.get(1).getProperty(AtriumTopics.PROPERTY_RESTORED));
    }

    // --- a database that answers the queries ClientEvents reads with

    @SuppressWarnings("unchecked")
    private JpaTemplate database() {
        EntityManager em = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("createQuery")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return query(answer((String) args[0]));
                });
        return (JpaTemplate) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JpaTemplate.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("txExpr")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return ((EmFunction<Object>) args[1]).apply(em);
                });
    }

    private List<Object[]> answer(String jpql) {
        return answers.entrySet().stream().filter(entry -> jpql.contains(entry.getKey())).findFirst()
                .map(entry -> entry.getValue().isEmpty() ? List.<Object[]>of() : entry.getValue().poll())
                .orElseThrow(() -> new AssertionError("unexpected query: " + jpql));
    }

    private TypedQuery<?> query(List<Object[]> rows) {
        return (TypedQuery<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TypedQuery.class},
                (proxy, method, args) -> method.getName().equals("getResultList") ? rows : proxy);
    }

    private static Client client(String clientId, String reference, int office) {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        return new Client(clientId, ClientType.INDIVIDUAL, "Ann", "ann@example.com", null, null, null, null, office,
                false, null, false, true, false, false, RegistrationStatus.PENDING, now, now, 1, null, null, null, null,
                null, null, null, reference);
    }
}
