package org.atrium.registry.internal.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.Page;
import org.atrium.api.client.SortField;
import org.atrium.api.client.StaleVersionException;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.ClientRulesTest;
import org.atrium.registry.internal.JpaOfficeDirectory;
import org.atrium.registry.internal.OfficeEntity;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** The register on its real persistence unit (in-memory Derby): references, versions, office scope, search. */
class JpaClientRegisterTest {

    private TestDatabase database;
    private RegisterCore core;
    private ClientRegister register;
    private final List<Event> events = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = new TestDatabase();
        core = database.core(TestDatabase.CLOCK);
        TestDatabase.listen(core, events);
        new JpaOfficeDirectory(database.jpa()); // the main office, number 1
        database.jpa().tx(em -> em.persist(new OfficeEntity(2, "Uptown")));
        register = new JpaClientRegister(core);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aClientKeepsItsReferenceThroughEditsAndRenamesAndNoOtherClientEverGetsIt() {
        Client created = register.create(ClientRulesTest.individual().clientId("500123").build());
        assertTrue(created.reference().matches("[0-9a-f-]{36}"), created.reference());
        assertEquals(created, register.findByReference(created.reference()).orElseThrow());

        Client renamed = register.update("500123", ClientRulesTest.individual().clientId("500124").name("Olga")
                .build(), created.version());
        assertEquals(created.reference(), renamed.reference());
        Event update = events.get(events.size() - 1);
        assertEquals("500123", update.getProperty(AtriumTopics.PROPERTY_PREVIOUS_CLIENT_ID));
        assertEquals(created.reference(), update.getProperty(AtriumTopics.PROPERTY_CLIENT_REFERENCE));

        register.delete("500124");
        assertTrue(register.findByReference(created.reference()).isEmpty());
        assertEquals(created.reference(), events.get(events.size() - 1).getProperty(
                AtriumTopics.PROPERTY_CLIENT_REFERENCE));
        Client again = register.create(ClientRulesTest.individual().clientId("500124").office(2).build());
        assertNotEquals(created.reference(), again.reference());
        assertEquals(Set.of(again.reference()), register.existingReferences(List.of(created.reference(),
                again.reference(), "no-such-reference")));
    }

    @Test
    void anUpdateBasedOnAnOldVersionIsRefusedAndChangesNothing() {
        Client created = register.create(ClientRulesTest.individual().build());
        register.update("00123", ClientRulesTest.individual().name("Ann Newer").build(), created.version());
        assertThrows(StaleVersionException.class, () -> register.update("00123", ClientRulesTest.individual()
                .name("Ann Stale").build(), created.version()));
        assertEquals("Ann Newer", register.get("00123").name());
    }

    @Test
    void aCoupleIsStoredAndReadBackWithTheSpousesOwnColumns() {
        Client couple = register.create(ClientRulesTest.individual().mfj(ClientRulesTest.spouse("bob@example.com"))
                .build());
        Client read = register.get("00123");
        assertEquals(couple, read);
        assertEquals("Bob Smith", read.spouse().name());
        assertEquals("987654321", read.spouse().taxId());
        assertEquals(1, register.search(query("987-65-4321")).total(), "found by the spouse's SSN");
        assertConflict(() -> register.create(ClientRulesTest.individual().clientId("00124").email("c@example.com")
                .mfj(ClientRulesTest.spouse("BOB@example.com")).build()));

        Client single = register.update("00123", ClientRulesTest.individual().build(), read.version());
        assertNull(single.spouse());
        assertEquals(single, register.get("00123"));
        register.create(ClientRulesTest.individual().clientId("00124").email("c@example.com")
                .mfj(ClientRulesTest.spouse("bob@example.com")).build()); // the spouse's address is free again
    }

    @Test
    void staffReachTheirOfficesOnly() {
        register.create(ClientRulesTest.individual().clientId("A1").build());
        ClientRegister uptown = register.as(Actor.staff("jane", Set.of(2)));
        assertTrue(uptown.find("A1").isEmpty(), "another office's client does not exist for her");
        assertThrows(AccessDeniedException.class, () -> uptown.create(ClientRulesTest.individual().clientId("A2")
                .email("a2@example.com").build()));
        uptown.create(ClientRulesTest.individual().clientId("A2").email("a2@example.com").office(2).build());
        assertEquals(List.of("A2"), uptown.findClientIds(ClientFilter.ALL));
        assertEquals(List.of("A1", "A2"), register.findClientIds(ClientFilter.ALL));
    }

    @Test
    void searchesPageAndSortAndEveryClientIsReadAsTheSameValue() {
        for (String name : List.of("Cleo", "Abe", "Bea")) {
            register.create(ClientRulesTest.individual().clientId("ID-" + name).name(name + " Stone")
                    .email(name.toLowerCase() + "@example.com").taxId(null).mfj(ClientRulesTest.spouse(
                            name.toLowerCase() + "-spouse@example.com")).build());
        }
        Page<Client> page = register.search(new ClientQuery(new ClientFilter("stone", null, null, null),
                SortField.NAME, false, 0, 2));
        assertEquals(3, page.total());
        assertEquals(List.of("Abe Stone", "Bea Stone"), page.items().stream().map(Client::name).toList());

        List<Client> visited = new ArrayList<>();
        register.forEachClient(ClientFilter.ALL, SortField.NAME, true, new org.atrium.api.client.ClientVisitor() {
            @Override
            public void visit(Client client) {
                visited.add(client);
            }
        });
        assertEquals(List.of("ID-Cleo", "ID-Bea", "ID-Abe"), visited.stream().map(Client::clientId).toList());
        for (Client client : visited) {
            assertEquals(register.get(client.clientId()), client, "read as values = read as entity");
        }
    }

    @Test
    void aBroadSearchCountsSomePagesAheadAndTheCountIsExact() {
        for (int i = 0; i < ClientQuery.COUNTED_PAGES + 5; i++) {
            register.create(ClientRulesTest.individual().clientId("C" + (100 + i)).email("c" + i + "@example.com")
                    .taxId(null).build());
        }
        Page<Client> first = register.search(new ClientQuery(ClientFilter.ALL, SortField.CLIENT_ID, false, 0, 1));
        assertFalse(first.totalExact(), "45 clients on pages of one: counted up to 40 pages");
        assertEquals(ClientQuery.COUNTED_PAGES, first.total(), "more than 40");
        assertEquals(List.of("C100"), first.items().stream().map(Client::clientId).toList());
        Page<Client> later = register.search(new ClientQuery(ClientFilter.ALL, SortField.CLIENT_ID, false, 10, 1));
        assertTrue(later.totalExact(), "from page 11, the last is within 40 pages");
        assertEquals(ClientQuery.COUNTED_PAGES + 5, later.total());
        Page<Client> fortyOfThem = register.search(new ClientQuery(ClientFilter.ALL, SortField.CLIENT_ID, false,
                5, 1));
        assertTrue(fortyOfThem.totalExact(), "exactly 40 pages from page 6 on: still exact");
        Page<Client> all = register.search(new ClientQuery(ClientFilter.ALL, SortField.CLIENT_ID, false, 0, 50));
        assertEquals(45, all.items().size());
        assertTrue(all.totalExact(), "a page that is not full is the last");
        assertEquals(45, all.total());
        Page<Client> beyond = register.search(new ClientQuery(ClientFilter.ALL, SortField.CLIENT_ID, false, 50, 1));
        assertEquals(List.of(), beyond.items());
        assertEquals(45, beyond.total(), "past the last page: counted");
        assertEquals(ClientQuery.COUNTED_PAGES + 5, register.count(ClientFilter.ALL));
        assertEquals(1, register.count(new ClientFilter("c7@example", null, null, null)));
        assertEquals(0, register.as(Actor.staff("jane", Set.of(2))).count(ClientFilter.ALL), "none in her office");
    }

    @Test
    void textFindsTheClientsWhoseWordsBeginWithItsWordsAndFollowsEveryChangeAtOnce() {
        register.create(ClientRulesTest.individual().clientId("C-000123").name("Ann Smith")
                .email("ann.smith@example.com").taxId(null).build());
        register.create(ClientRulesTest.individual().clientId("C-000124").name("Bob Smithson")
                .email("bob@example.com").taxId(null).office(2).build());
        register.create(ClientRulesTest.individual().clientId("X9").name("Cy Jones").email("cy@smith.org")
                .taxId(null).build());
        assertEquals(List.of("C-000123", "C-000124", "X9"), ids("smi"));
        assertEquals(List.of("C-000123"), ids("Smith, Ann"));
        assertEquals(List.of("C-000123"), ids("ann.smith@example.com"));
        assertEquals(List.of("C-000123"), ids("123"), "a client number without its zeros");
        assertEquals(List.of("C-000123", "C-000124"), ids("c-0001"));
        assertEquals(List.of("C-000123", "C-000124", "X9"), ids("mith"), "begins no word: found inside words");
        assertEquals(List.of("C-000123"), ids("ith ann"));
        assertEquals(List.of(), ids("smithson jones"), "both words begin words, of different clients");
        assertEquals(List.of("C-000124"), register.as(Actor.staff("jane", Set.of(2)))
                .search(query("smi")).items().stream().map(Client::clientId).toList(), "within her offices");
        assertEquals(List.of("C-000123", "C-000124", "X9"), register.findClientIds(new ClientFilter("smi", null,
                null, null)), "bulk actions by filter take the same clients");
        assertEquals(3, register.count(new ClientFilter("smi", null, null, null)));

        Client ann = register.get("C-000123");
        register.update("C-000123", ClientRulesTest.individual().clientId("C-000123").name("Ann Taylor")
                .email("ann@taylor.com").taxId(null).build(), ann.version());
        assertEquals(List.of(), ids("smith ann"), "not by the name she no longer has");
        assertEquals(List.of("C-000123"), ids("taylor"), "by her new one at once");
        register.delete("X9");
        assertEquals(List.of(), ids("jones"));
        assertEquals(0, database.termRows("jones"), "its words went with it");
        assertEquals(1, database.termRows("taylor"));
        assertEquals(List.of("C-000124"), ids("smi"));
    }

    @Test
    void aWordOfVeryManyClientsIsMatchedWhilePagingThroughThem() {
        int clients = TextMatch.MAX_CANDIDATES + 10;
        for (int i = 0; i < clients; i++) {
            register.create(ClientRulesTest.individual().clientId(String.format("M%05d", i)).name("Many Smith")
                    .email("m" + i + "@example.com").taxId(null).build());
        }
        register.create(ClientRulesTest.individual().clientId("Z1").name("Zed Smyth").email("z@example.com")
                .taxId(null).build());
        Page<Client> first = register.search(new ClientQuery(new ClientFilter("smith", null, null, null),
                SortField.CLIENT_ID, false, 0, 25));
        assertEquals("M00000", first.items().get(0).clientId());
        assertEquals(25, first.items().size());
        // the word's entries in the index of words are counted up to 40 pages
        assertFalse(first.totalExact());
        assertEquals(25 * ClientQuery.COUNTED_PAGES, first.total(), "more than 40 pages");
        assertEquals(clients, register.count(new ClientFilter("smith", null, null, null)));
        ClientRegister jane = register.as(Actor.staff("jane", Set.of(1)));
        Page<Client> hers = jane.search(new ClientQuery(new ClientFilter("smith", null, null, null),
                SortField.CLIENT_ID, false, 0, 25));
        assertEquals(first.items(), hers.items());
        // within her offices the word is not all the condition: "more than this page"
        assertFalse(hers.totalExact());
        assertEquals(25, hers.total());
        Page<Client> last = jane.search(new ClientQuery(new ClientFilter("smith", null, null, null),
                SortField.CLIENT_ID, false, clients / 25, 25));
        assertEquals(clients % 25, last.items().size());
        assertTrue(last.totalExact());
        assertEquals(clients, last.total());
        assertEquals(List.of("M00007"), ids("smith m00007"));

    }

    @Test
    void staffPagesInEveryIndexedOrderAreTheOfficesClientsInThatOrder() {
        // 1,300 clients, office 1 and 2 in turn, names that tie across the walk's windows of 500
        List<Client> officeOne = new ArrayList<>();
        for (int i = 0; i < 1_300; i++) {
            String name = i < 800 ? "Ann Smith" : "Smith Number" + (i % 7);
            Client client = register.create(ClientRulesTest.individual().clientId(String.format("W%04d", (i * 7) % 1_300))
                    .name(name).email("w" + (1_300 - i) + "@example.com").taxId(null).office(1 + i % 2).build());
            if (client.officeLocation() == 1) {
                officeOne.add(client);
            }
        }
        ClientRegister jane = register.as(Actor.staff("jane", Set.of(1)));
        for (SortField sort : List.of(SortField.CLIENT_ID, SortField.NAME, SortField.EMAIL,
                SortField.OFFICE_LOCATION, SortField.TYPE)) {
            for (boolean descending : new boolean[] {false, true}) {
                String order = sort + (descending ? " descending" : "");
                // an export is ordered by the database itself
                List<Client> expected = exported(jane, sort, descending);
                assertEquals(officeOne.size(), expected.size());
                assertEquals(expected, allPages(jane, ClientFilter.ALL, sort, descending), "her pages by " + order);
                assertEquals(exported(register, sort, descending), allPages(register, ClientFilter.ALL, sort,
                        descending), "all pages by " + order);
                Page<Client> first = jane.search(new ClientQuery(ClientFilter.ALL, sort, descending, 0, 50));
                assertEquals(officeOne.size(), first.total(), "counted, " + order);
                assertTrue(first.totalExact());
            }
        }
        List<String> insideWords = officeOne.stream().filter(c -> c.name().contains("Number3"))
                .sorted(java.util.Comparator.comparing(Client::email)).map(Client::clientId).toList();
        assertFalse(insideWords.isEmpty());
        assertEquals(insideWords, jane.search(new ClientQuery(new ClientFilter("umber3", null, null, null),
                SortField.EMAIL, false, 0, 500)).items().stream().map(Client::clientId).toList());
    }

    @Test
    void theWalkThroughASortIndexGivesUpWhenTheMatchesLieTooFarIn() {
        for (int i = 0; i < 30; i++) {
            register.create(ClientRulesTest.individual().clientId(String.format("G%02d", i)).name("Walk Far")
                    .email("g" + i + "@example.com").taxId(null).office(i < 25 ? 1 : 2).build());
        }
        List<SqlCondition> inOffice2 = List.of(SqlCondition.of("OFFICE_LOCATION = ?", 2));
        assertTrue(core.readInTransaction(em -> SortIndexWalk.walk(em, inOffice2, SortField.CLIENT_ID, false, 3,
                new SortIndexWalk.Limits(10, 20), new SortFences(10))).isEmpty(), "25 keys to walk past, 20 allowed");
        SortIndexWalk.Walked walked = core.readInTransaction(em -> SortIndexWalk.walk(em, inOffice2,
                SortField.CLIENT_ID, false, 3, new SortIndexWalk.Limits(10, 30), new SortFences(10))).orElseThrow();
        assertFalse(walked.complete(), "3 of 5 wanted");
        assertEquals(3, walked.matches().size());
        SortIndexWalk.Walked all = core.readInTransaction(em -> SortIndexWalk.walk(em, inOffice2, SortField.NAME, false, 10,
                new SortIndexWalk.Limits(7, 30), new SortFences(7))).orElseThrow();
        assertTrue(all.complete());
        assertEquals(5, all.matches().size());
    }

    @Test
    void aDescendingWalkFindsEveryClientAddedAfterItsFencesWereRead() {
        for (int i = 0; i < 40; i++) {
            register.create(ClientRulesTest.individual().clientId(String.format("F%03d", i * 2))
                    .name("Fence " + (i % 3)).email("f" + i + "@example.com").taxId(null).build());
        }
        SortFences fences = new SortFences(5);
        SortIndexWalk.Limits limits = new SortIndexWalk.Limits(7, 1_000);
        for (SortField sort : List.of(SortField.CLIENT_ID, SortField.NAME)) {
            assertEquals(exportedKeys(sort), walkedDown(fences, limits, sort), sort.toString());
        }
        assertEquals(8, fenceCount(fences, SortField.CLIENT_ID), "every fifth of 40 keys");
        // added between the fences, before the first and after the last
        for (int i = 0; i < 40; i++) {
            register.create(ClientRulesTest.individual().clientId(String.format("F%03d", i * 2 + 1))
                    .name("Fence " + (i % 3)).email("g" + i + "@example.com").taxId(null).build());
        }
        List<String> outside = new ArrayList<>(List.of("A000"));
        for (int i = 0; i < 30; i++) {
            outside.add(String.format("G%03d", i)); // after the last fence: a range eight times the spacing
        }
        for (String id : outside) {
            register.create(ClientRulesTest.individual().clientId(id).name("Fence 9").email(id + "@example.com")
                    .taxId(null).build());
        }
        for (SortField sort : List.of(SortField.CLIENT_ID, SortField.NAME)) {
            assertEquals(exportedKeys(sort), walkedDown(fences, limits, sort), "stale fences, " + sort);
            assertEquals(exportedKeys(sort), walkedDown(fences, limits, sort), "fences added, " + sort);
        }
        // the last range, F070 to G029 (40 keys), got fences after its 5th, 10th, ... 35th key; the others, of
        // 10 keys, kept theirs
        assertEquals(15, fenceCount(fences, SortField.CLIENT_ID));
    }

    @Test
    void theFencesOfEveryWalkedOrderAreReadAheadOnAThreadOfTheirOwn() throws Exception {
        for (int i = 0; i < 12; i++) {
            register.create(ClientRulesTest.individual().clientId(String.format("H%03d", i)).name("Ahead " + (i % 4))
                    .email("h" + i + "@example.com").taxId(null).build());
        }
        SortFences fences = new SortFences(5);
        try (FencesAhead ahead = new FencesAhead(core, fences)) {
            ahead.awaitRead(java.time.Duration.ofSeconds(30));
        }
        for (SortField sort : SortField.values()) {
            assertEquals(SortIndexWalk.walks(sort), core.read(em -> SortKeys.of(em, sort).map(fences::hasRead)
                    .orElse(false)), sort.toString());
        }
        assertEquals(3, fenceCount(fences, SortField.CLIENT_ID), "the 1st, 6th and 11th of 12 keys");
        assertEquals(exportedKeys(SortField.EMAIL), walkedDown(fences, new SortIndexWalk.Limits(7, 1_000),
                SortField.EMAIL));
    }

    private List<Long> walkedDown(SortFences fences, SortIndexWalk.Limits limits, SortField sort) {
        return core.readInTransaction(em -> SortIndexWalk.walk(em, List.of(), sort, true, 1_000, limits, fences))
                .orElseThrow().matches();
    }

    private int fenceCount(SortFences fences, SortField sort) {
        return core.read(em -> fences.of(SortKeys.of(em, sort).orElseThrow()).size());
    }

    /** The keys of every client in the export's order, descending. */
    private List<Long> exportedKeys(SortField sort) {
        return exported(register, sort, true).stream().map(client -> core.read(em ->
                org.atrium.registry.internal.Scope.findEntity(em, client.clientId()).orElseThrow().pk())).toList();
    }

    private static List<Client> exported(ClientRegister register, SortField sort, boolean descending) {
        List<Client> clients = new ArrayList<>();
        register.forEachClient(ClientFilter.ALL, sort, descending, new org.atrium.api.client.ClientVisitor() {
            @Override
            public void visit(Client client) {
                clients.add(client);
            }
        });
        return clients;
    }

    private static List<Client> allPages(ClientRegister register, ClientFilter filter, SortField sort,
            boolean descending) {
        List<Client> clients = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Client> items = register.search(new ClientQuery(filter, sort, descending, page, 120)).items();
            if (items.isEmpty()) {
                return clients;
            }
            clients.addAll(items);
        }
    }

    private List<String> ids(String q) {
        return register.search(query(q)).items().stream().map(Client::clientId).toList();
    }

    private static ClientQuery query(String q) {
        return new ClientQuery(new ClientFilter(q, null, null, null), SortField.CLIENT_ID, false, 0, 20);
    }

    private static void assertConflict(Runnable change) {
        assertThrows(ClientConflictException.class, change::run);
    }
}
