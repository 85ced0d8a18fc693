package org.atrium.registry.internal.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.stream.LongStream;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.registry.internal.clients.TextMatch.Reach;
import org.junit.jupiter.api.Test;

class ClientSearchWhereTest {

    /** Finds client 7 for the digits 123456789, nothing else. */
    static final ClientSearch.ExactMatches HASH = (digits, q) -> digits.equals("123456789") ? List.of(7L) : List.of();
    /** Words beginning with "smi": clients 1 and 2; with "ann": 3,000 clients; nothing begins with "mith". */
    static final TextMatch.WordIndex WORDS = (word, beginning, limit) -> switch (word) {
        case "smi", "smith", "50" -> List.of(1L, 2L);
        case "ann", "off" -> LongStream.range(0, Math.min(limit, 3_000)).boxed().toList();
        default -> List.of();
    };

    @Test
    void noFilterMeansNoCondition() {
        Map<String, Object> parameters = new HashMap<>();
        assertEquals(new ClientSearch.Where("", List.of(), Reach.NONE, List.of(), List.of(), Optional.empty()),
                ClientSearch.where(ClientFilter.ALL, parameters, HASH, WORDS));
        assertTrue(parameters.isEmpty());
    }

    @Test
    void eachWordOfTheTextIsAWordOfTheClientTheLastMayBeItsBeginningAndTheRarestNamesTheOnlyCandidates() {
        Map<String, Object> parameters = new HashMap<>();
        ClientSearch.Where where = ClientSearch.where(new ClientFilter(" Ann SMI ", null, null, null), parameters,
                HASH, WORDS);
        assertEquals(" WHERE c.searchText LIKE :word0 AND c.searchText LIKE :word1", where.clause());
        assertEquals("% ann %", parameters.get("word0"), "the word ann");
        assertEquals("% smi%", parameters.get("word1"), "a word that begins with smi");
        assertEquals(Reach.FEW, where.reach());
        assertEquals(List.of(1L, 2L), where.candidates(), "the clients of smi, the rarer word");
        assertFalse(parameters.containsKey("exactPks"));
    }

    @Test
    void aWordThatBeginsNoWordIsLookedForInsideWords() {
        Map<String, Object> parameters = new HashMap<>();
        ClientSearch.Where where = ClientSearch.where(new ClientFilter("mith", null, null, null), parameters, HASH,
                WORDS);
        assertEquals("%mith%", parameters.get("word0"));
        assertEquals(Reach.PARTS, where.reach());
        assertEquals(List.of(), where.candidates());
    }

    @Test
    void wordsOfManyClientsNameNoCandidates() {
        Map<String, Object> parameters = new HashMap<>();
        ClientSearch.Where where = ClientSearch.where(new ClientFilter("ann", null, null, null), parameters, HASH,
                WORDS);
        assertEquals(Reach.MANY, where.reach());
        assertEquals(List.of(), where.candidates());
        assertEquals(Optional.of("ann"), where.soleWord(), "its clients can be counted by the index alone");
        assertEquals(Optional.empty(), where.limitedTo(where.clause() + " AND c.officeLocation = :scopeOffice",
                SqlCondition.in("OFFICE_LOCATION", List.of(1)))
                .soleWord(), "not within some offices");
        assertEquals(Optional.empty(), ClientSearch.where(new ClientFilter("ann", null, true, null), new HashMap<>(),
                HASH, WORDS).soleWord(), "not with another condition");
    }

    @Test
    void everyConditionHasTheSameAsPlainSqlWithItsValuesInOrder() {
        Map<String, Object> parameters = new HashMap<>();
        ClientSearch.Where where = ClientSearch.where(new ClientFilter("mith ann", RegistrationStatus.REGISTERED, true,
                3, false), parameters, HASH, WORDS);
        assertEquals(" WHERE c.searchText LIKE :word0 AND c.searchText LIKE :word1 AND c.status = :status"
                + " AND c.portalAccess = :portalAccess AND c.officeLocation = :office AND c.invitationError IS NULL",
                where.clause());
        assertEquals(List.of(SqlCondition.of("SEARCH_TEXT LIKE ?", "%mith%"), SqlCondition.of("SEARCH_TEXT LIKE ?",
                "% ann%"), SqlCondition.of("STATUS = ?", "REGISTERED"), SqlCondition.of("PORTAL_ACCESS = ?", 1),
                SqlCondition.of("OFFICE_LOCATION = ?", 3), SqlCondition.of("INVITATION_ERROR IS NULL")), where.sql());
        assertEquals(List.of("%mith%", "% ann%"), where.textPatterns());
    }

    @Test
    void onlyLettersAndDigitsAreSearchedSoNoWildcardReachesTheQuery() {
        Map<String, Object> parameters = new HashMap<>();
        ClientSearch.where(new ClientFilter("50%_off!", null, null, null), parameters, HASH, WORDS);
        assertEquals(Map.of("word0", "% 50 %", "word1", "% off%"), parameters);
        Map<String, Object> none = new HashMap<>();
        assertEquals(Reach.NONE, ClientSearch.where(new ClientFilter("%_!", null, null, null), none, HASH, WORDS)
                .reach(), "no word: every client");
        assertTrue(none.isEmpty());
    }

    @Test
    void nineDigitsWithOrWithoutDashesMatchExactlyThroughTheIndexesNotByAScan() {
        for (String q : new String[] {"123456789", "123-45-6789", "12-3456789"}) {
            Map<String, Object> parameters = new HashMap<>();
            ClientSearch.Where where = ClientSearch.where(new ClientFilter(q, null, null, null), parameters, HASH, WORDS);
            assertEquals(List.of(7L), parameters.get("exactPks"), q);
            assertEquals(" WHERE c.pk IN :exactPks", where.clause());
            assertEquals(Reach.FEW, where.reach(), "only the exact matches' rows are read");
            assertEquals(List.of(7L), where.candidates());
            assertEquals(List.of(new SqlCondition("PK IN (?)", List.of(7L))), where.sql());
            assertFalse(parameters.containsKey("word0"), "no partial match of every row");
        }
        Map<String, Object> parameters = new HashMap<>();
        ClientSearch.where(new ClientFilter("987654321", null, null, null), parameters, HASH, WORDS);
        assertEquals(List.of(-1L), parameters.get("exactPks"), "nobody: a key no client has");
    }

    @Test
    void valuesNeverEnterTheQueryText() {
        Map<String, Object> parameters = new HashMap<>();
        String where = ClientSearch.where(new ClientFilter("x' OR '1'='1", RegistrationStatus.INVITED, false, 7),
                parameters, HASH, WORDS).clause();
        assertFalse(where.contains("'1'"));
        assertEquals(RegistrationStatus.INVITED, parameters.get("status"));
        assertEquals(false, parameters.get("portalAccess"));
        assertEquals(7, parameters.get("office"));
    }
}
