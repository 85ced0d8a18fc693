package org.atrium.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atrium.api.client.ClientData;
import org.atrium.rest.support.InvalidRequestException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.atrium.rest.support.JsonProblems;
import org.atrium.rest.support.Problem;

/** What a REST client sees for bad JSON, without a server: the provider's mapper and the error mapping. */
class JsonInputTest {

    static Problem problemFor(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> JsonProvider.MAPPER.readValue(json, ClientInput.class));
        return JsonProblems.of(e);
    }

    @Test
    void unknownFieldsAreNamed() {
        Problem problem = problemFor("{\"clientId\":\"1\",\"ssn\":\"123456789\"}");
        assertEquals(400, problem.status());
        assertEquals("ssn", problem.errors().get(0).field());
        assertFalse(problem.detail().contains("123456789"), "the rejected value is not echoed");
    }

    @Test
    void aNumberIsNotAcceptedAsClientIdSoLeadingZerosCannotBeLost() {
        Problem problem = problemFor("{\"clientId\":123}");
        assertEquals("clientId", problem.errors().get(0).field());
        assertTrue(problem.detail().contains("text"), problem.detail());
    }

    @Test
    void wrongEnumValuesListTheChoices() {
        Problem problem = problemFor("{\"type\":\"PERSON\"}");
        assertEquals("type", problem.errors().get(0).field());
        assertTrue(problem.detail().contains("INDIVIDUAL, ENTITY"), problem.detail());
    }

    @Test
    void nestedFieldsAreNamedWithTheirPath() {
        Problem problem = problemFor("{\"spouse\":{\"name\":[\"Bob\"]}}");
        assertEquals("spouse.name", problem.errors().get(0).field());
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotGuessed() {
        Problem problem = problemFor("{\"name\": \"Ann Smith\", \"name\": \"Bob Smith\"}");
        assertEquals("name", problem.errors().get(0).field());
        assertEquals("The field 'name' appears more than once in the request body; send it once.", problem.detail());
    }

    @Test
    void aFractionIsNoOfficeNumber() {
        Problem problem = problemFor("{\"officeLocation\": 1.5}");
        assertEquals("officeLocation", problem.errors().get(0).field());
        assertTrue(problem.detail().contains("expected a whole number"), problem.detail());
    }

    @Test
    void aReplacingPutNamesEveryFieldItLeavesOut() throws Exception {
        var body = JsonProvider.MAPPER.readTree("{\"type\": \"INDIVIDUAL\", \"name\": \"Ann\", \"email\": null, "
                + "\"spouse\": {\"name\": \"Bob\"}, \"version\": 1}");
        var missing = ClientInput.missingForReplace(body).stream().map(e -> e.field()).toList();
        assertEquals(java.util.List.of("taxId", "dateOfBirth", "countryCode", "mobileNumber", "officeLocation",
                "marriedFilingJointly", "spouseSignsFirst", "portalAccess", "smsOtp", "dropOffAccess", "spouse.email",
                "spouse.taxId", "spouse.dateOfBirth", "spouse.countryCode", "spouse.mobileNumber"), missing,
                "null (email) counts as given: it clears the field");
    }

    @Test
    void syntaxErrorsGiveThePosition() {
        Problem problem = problemFor("{\"clientId\": \"1\",,}");
        assertTrue(problem.detail().contains("line 1"), problem.detail());
        assertEquals(null, problem.errors());
    }

    @Test
    void readOnlyFieldsOfAReadClientAreIgnoredOnTheWayBack() throws Exception {
        ClientInput input = JsonProvider.MAPPER.readValue("{\"clientId\":\"007\",\"status\":\"REGISTERED\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\",\"version\":3}",
                ClientInput.class);
        assertEquals("007", input.clientId());
        assertEquals(3L, input.version());
    }

    @Test
    void marriedFilingJointlyFollowsTheSpouseUnlessGiven() throws Exception {
        ClientData withSpouse = JsonProvider.MAPPER.readValue("{\"spouse\":{\"name\":\"Bob\"}}", ClientInput.class)
                .toData();
        assertTrue(withSpouse.marriedFilingJointly());
        ClientData without = JsonProvider.MAPPER.readValue("{}", ClientInput.class).toData();
        assertFalse(without.marriedFilingJointly());
    }

    @Test
    void datesMustBeIsoDates() throws Exception {
        ClientInput input = JsonProvider.MAPPER.readValue("{\"dateOfBirth\":\"04/15/1980\","
                + "\"spouse\":{\"dateOfBirth\":\"1979-02-30\"}}", ClientInput.class);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, input::toData);
        assertEquals(2, e.errors().size());
        assertEquals("dateOfBirth", e.errors().get(0).field());
        assertEquals("spouse.dateOfBirth", e.errors().get(1).field());
    }
}
