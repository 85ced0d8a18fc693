package org.atrium.registry.internal.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.List;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.RegistrationStatus;
import org.junit.jupiter.api.Test;

class ClientSearchWhereTest {

    /** Finds client 7 for the digits 123456789, nothing else. */
    static final ClientSearch.ExactMatches HASH = (digits, q) -> digits.equals("123456789") ? List.of(7L) : List.of();

    @Test
    void noFilterMeansNoCondition() {
        Map<String, Object> parameters = new HashMap<>();
        assertEquals("", ClientSearch.where(ClientFilter.ALL, parameters, HASH));
        assertTrue(parameters.isEmpty());
    }

    @Test
    void textIsMatchedCaseInsensitivelyAndPartially() {
        Map<String, Object> parameters = new HashMap<>();
        String where = ClientSearch.where(new ClientFilter(" Smith ", null, null, null), parameters, HASH);
        assertEquals("%smith%", parameters.get("text"));
        assertTrue(where.contains("c.searchText LIKE :text"));
        assertFalse(parameters.containsKey("exactPks"));
    }

    @Test
    void likeWildcardsInTheQueryAreTakenLiterally() {
        Map<String, Object> parameters = new HashMap<>();
        ClientSearch.where(new ClientFilter("50%_off!", null, null, null), parameters, HASH);
        assertEquals("%50!%!_off!!%", parameters.get("text"));
    }

    @Test
    void nineDigitsWithOrWithoutDashesMatchExactlyThroughTheIndexesNotByAScan() {
        for (String q : new String[] {"123456789", "123-45-6789", "12-3456789"}) {
            Map<String, Object> parameters = new HashMap<>();
            String where = ClientSearch.where(new ClientFilter(q, null, null, null), parameters, HASH);
            assertEquals(List.of(7L), parameters.get("exactPks"), q);
            assertEquals(" WHERE c.pk IN :exactPks", where);
            assertFalse(parameters.containsKey("text"), "no partial match of every row");
        }
        Map<String, Object> parameters = new HashMap<>();
        ClientSearch.where(new ClientFilter("987654321", null, null, null), parameters, HASH);
        assertEquals(List.of(-1L), parameters.get("exactPks"), "nobody: a key no client has");
    }

    @Test
    void valuesNeverEnterTheQueryText() {
        Map<String, Object> parameters = new HashMap<>();
        String where = ClientSearch.where(new ClientFilter("x' OR '1'='1", RegistrationStatus.INVITED, false, 7),
                parameters, HASH);
        assertFalse(where.contains("'1'='1"));
        assertEquals(RegistrationStatus.INVITED, parameters.get("status"));
        assertEquals(false, parameters.get("portalAccess"));
        assertEquals(7, parameters.get("office"));
    }
}
