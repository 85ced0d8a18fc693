package org.atrium.registry.internal.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.atrium.api.client.Client;
import org.atrium.api.client.SortField;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientNotFoundException;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.Person;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.imports.ImportLedger;
import org.atrium.api.imports.ImportProgress;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportRevertBlockedException;
import org.atrium.api.imports.ImportRows;
import org.atrium.api.portal.Invitation;
import org.atrium.api.portal.PortalIdentity;
import org.atrium.api.portal.RegistrationRejectedException;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.ClientRulesTest;
import org.atrium.registry.internal.JpaOfficeDirectory;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.TestDatabase;
import org.atrium.registry.internal.clients.JpaClientRegister;
import org.atrium.registry.internal.portal.JpaPortalIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** The portal's people and the import ledger on the register's real persistence unit (in-memory Derby). */
class PortalAndImportLedgerTest {

    private static final ImportProgress QUIET = (stage, rows) -> { };

    private TestDatabase database;
    private ClientRegister register;
    private PortalIdentity people;
    private ImportLedger ledger;
    private final List<Event> events = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = new TestDatabase();
        RegisterCore core = database.core(TestDatabase.CLOCK);
        TestDatabase.listen(core, events);
        new JpaOfficeDirectory(database.jpa());
        register = new JpaClientRegister(core);
        people = new JpaPortalIdentity(core);
        ledger = new JpaImportLedger(core);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void eachPersonOfACoupleRegistersWithTheirOwnLinkOnce() {
        register.create(ClientRulesTest.individual().mfj(ClientRulesTest.spouse("bob@example.com")).build());
        Instant expires = TestDatabase.CLOCK.instant().plusSeconds(14 * 24 * 3600);
        Client invited = people.as(Actor.staff("jane", Set.of(1))).recordInvitation("00123",
                new Invitation(Invitation.hash("ann-token"), Invitation.hash("bob-token"), expires));
        assertEquals(RegistrationStatus.INVITED, invited.status());

        PortalPerson bob = people.registerPerson("bob-token");
        assertEquals(Person.SPOUSE, bob.person());
        assertEquals(RegistrationStatus.REGISTERED, bob.client().status());
        assertNull(bob.client().registeredAt(), "the taxpayer has not registered");
        assertEquals(TestDatabase.CLOCK.instant(), bob.client().spouseRegisteredAt());
        RegistrationRejectedException again = assertThrows(RegistrationRejectedException.class,
                () -> people.registerPerson("bob-token"));
        assertTrue(again.getMessage().startsWith("You registered already, on November 28, 2026"), again.getMessage());
        assertThrows(RegistrationRejectedException.class, () -> people.registerPerson("forged-token"));

        assertEquals(Person.SPOUSE, people.findPortalPerson("BOB@example.com").orElseThrow().person());
        assertEquals(Person.TAXPAYER, people.findPortalPerson("ann@example.com").orElseThrow().person());
        assertThrows(ClientNotFoundException.class, () -> people.as(Actor.staff("kim", Set.of(2)))
                .recordInvitation("00123", new Invitation(Invitation.hash("x"), null, expires)),
                "to another office's staff the client does not exist");
    }

    @Test
    void anImportCreatesAndUpdatesAndItsRevertPutsEverythingBack() {
        Client before = register.create(ClientRulesTest.individual().clientId("U1").build());
        ImportResult applied = ledger.as(Actor.SYSTEM).apply("job-1", rows(
                ClientRulesTest.individual().clientId("U1").name("Ann Edited").build(),
                ClientRulesTest.individual().clientId("N1").email("n1@example.com")
                        .mfj(ClientRulesTest.spouse("n1-spouse@example.com")).build()), 100, QUIET);
        assertEquals(new ImportResult("job-1", 1, 1), applied);
        Client created = register.get("N1");
        assertEquals("n1-spouse@example.com", created.spouse().email());
        assertEquals(before.reference(), register.get("U1").reference(), "an update keeps the reference");
        assertEquals(List.of(AtriumTopics.CLIENT_CREATED, AtriumTopics.CLIENT_CREATED, AtriumTopics.CLIENT_UPDATED,
                AtriumTopics.IMPORTED), topics(), "the register's create, then the import's clients and itself");
        assertEquals(created.reference(), events.get(1).getProperty(AtriumTopics.PROPERTY_CLIENT_REFERENCE));
        assertEquals(List.of("U1"), found("ann edited"), "found by the words the import wrote");
        assertEquals(List.of("N1"), found("ann smith"), "U1 not by the name it replaced (N1 is an Ann Smith too)");
        assertEquals(List.of("N1"), found("n1 spouse"));

        events.clear();
        assertEquals(new ImportResult("job-1", 1, 1), ledger.revert("job-1"));
        assertTrue(register.find("N1").isEmpty());
        assertEquals(List.of(), found("n1"), "a deleted client's words went with it");
        assertEquals(0, database.termRows("n1"));
        assertEquals(List.of("U1"), found("ann smith"), "the words of the name put back");
        Client restored = register.get("U1");
        assertEquals("Ann Smith", restored.name());
        assertEquals(before.taxId(), restored.taxId());
        assertEquals(List.of(AtriumTopics.CLIENT_DELETED, AtriumTopics.CLIENT_UPDATED, AtriumTopics.IMPORT_REVERTED),
                topics());
        assertEquals(created.reference(), events.get(0).getProperty(AtriumTopics.PROPERTY_CLIENT_REFERENCE));
    }

    private List<String> found(String q) {
        return register.search(new ClientQuery(new ClientFilter(q, null, null, null), SortField.CLIENT_ID, false, 0,
                10)).items().stream().map(Client::clientId).toList();
    }

    @Test
    void aRevertIsRefusedWhileAClientItWroteChangedSince() {
        register.create(ClientRulesTest.individual().clientId("U1").build());
        ledger.apply("job-2", rows(ClientRulesTest.individual().clientId("U1").name("Ann Edited").build()), 100,
                QUIET);
        Client edited = register.get("U1");
        register.update("U1", ClientRulesTest.individual().clientId("U1").name("Ann Later").build(), edited.version());
        ImportRevertBlockedException blocked = assertThrows(ImportRevertBlockedException.class,
                () -> ledger.revert("job-2"));
        assertEquals(List.of("U1"), blocked.clientIds());
        assertEquals("Ann Later", register.get("U1").name(), "nothing was reverted");
    }

    private List<String> topics() {
        return events.stream().map(Event::getTopic).toList();
    }

    private static ImportRows rows(ClientData... data) {
        return handler -> {
            for (int i = 0; i < data.length; i++) {
                handler.row(i + 2, data[i]);
            }
        };
    }
}
