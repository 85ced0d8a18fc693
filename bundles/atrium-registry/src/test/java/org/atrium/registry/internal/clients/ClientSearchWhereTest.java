package org.atrium.registry.internal.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.RegistrationStatus;
import org.junit.jupiter.api.Test;

class ClientSearchWhereTest {

    static final UnaryOperator<String> HASH = digits -> "hash(" + digits + ")";

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
        assertFalse(parameters.containsKey("taxIdHash"));
    }

    @Test
    void likeWildcardsInTheQueryAreTakenLiterally() {
        Map<String, Object> parameters = new HashMap<>();
        ClientSearch.where(new ClientFilter("50%_off!", null, null, null), parameters, HASH);
        assertEquals("%50!%!_off!!%", parameters.get("text"));
    }

    @Test
    void nineDigitsWithOrWithoutDashesAlsoMatchTaxIdsByTheirKeyedHash() {
        for (String q : new String[] {"123456789", "123-45-6789", "12-3456789"}) {
            Map<String, Object> parameters = new HashMap<>();
            String where = ClientSearch.where(new ClientFilter(q, null, null, null), parameters, HASH);
            assertEquals("hash(123456789)", parameters.get("taxIdHash"), q);
            assertTrue(where.contains("c.taxpayer.taxIdHash = :taxIdHash OR c.spouse.taxIdHash = :taxIdHash"));
        }
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
