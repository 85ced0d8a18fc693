package org.atrium.rest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.client.SortField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSearchParametersTest {

    @Test
    void defaultsToFirstPageOfFiftyByClientId() {
        ClientQuery query = ClientSearchParameters.query(ClientFilter.ALL, null, null, null);
        assertEquals(0, query.page());
        assertEquals(50, query.size());
        assertEquals(SortField.CLIENT_ID, query.sort());
        assertEquals(false, query.descending());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"name|NAME|false", "name,asc|NAME|false", "name,desc|NAME|true",
        "-updatedAt|UPDATED_AT|true", "officeLocation,DESC|OFFICE_LOCATION|true"})
    void readsSortFieldAndDirection(String sort, SortField field, boolean descending) {
        ClientQuery query = ClientSearchParameters.query(ClientFilter.ALL, sort, null, null);
        assertEquals(field, query.sort());
        assertEquals(descending, query.descending());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssn", "name,sideways", "name,asc,desc"})
    void rejectsUnknownSorts(String sort) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ClientSearchParameters.query(ClientFilter.ALL, sort, null, null));
        assertTrue(e.getMessage().contains("sort"), e.getMessage());
    }

    @Test
    void sizeIsOneToFiveHundred() {
        assertEquals(500, ClientSearchParameters.query(ClientFilter.ALL, null, "0", "500").size());
        assertThrows(InvalidRequestException.class, () -> ClientSearchParameters.query(ClientFilter.ALL, null, null, "501"));
        assertThrows(InvalidRequestException.class, () -> ClientSearchParameters.query(ClientFilter.ALL, null, null, "0"));
    }

    @Test
    void pageIsAWholeNumberFromZero() {
        assertEquals(3, ClientSearchParameters.query(ClientFilter.ALL, null, "3", null).page());
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ClientSearchParameters.query(ClientFilter.ALL, null, "two", null));
        assertEquals("page must be a whole number.", e.getMessage());
        assertThrows(InvalidRequestException.class, () -> ClientSearchParameters.query(ClientFilter.ALL, null, "-1", null));
    }

    @Test
    void readsTheFilter() {
        ClientFilter filter = ClientSearchParameters.filter("ann", "invited", "false", "2");
        assertEquals(new ClientFilter("ann", RegistrationStatus.INVITED, false, 2), filter);
        assertEquals(ClientFilter.ALL, ClientSearchParameters.filter("", " ", null, ""));
    }

    @Test
    void namesTheBadFilterParameter() {
        assertTrue(assertThrows(InvalidRequestException.class,
                () -> ClientSearchParameters.filter(null, "ACTIVE", null, null)).getMessage().contains("PENDING"));
        assertEquals("portalAccess must be true or false.", assertThrows(InvalidRequestException.class,
                () -> ClientSearchParameters.filter(null, null, "yes", null)).getMessage());
        assertEquals("office must be a whole number.", assertThrows(InvalidRequestException.class,
                () -> ClientSearchParameters.filter(null, null, null, "main")).getMessage());
    }
}
