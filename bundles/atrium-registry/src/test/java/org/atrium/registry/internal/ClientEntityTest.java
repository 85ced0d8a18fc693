package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.RegistrationStatus;
import org.junit.jupiter.api.Test;

class ClientEntityTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-02-01T00:00:00Z");

    static ClientData couple(String email) {
        return ClientRules.normalize(ClientRulesTest.individual().email(email)
                .mfj(ClientRulesTest.spouse("Bob@Example.com")).build());
    }

    @Test
    void newClientsArePendingWithPortalAccessAndNothingElse() {
        Client client = ClientEntity.create(couple("ann@example.com"), T0).toValue();
        assertEquals(RegistrationStatus.PENDING, client.status());
        assertTrue(client.portalAccess());
        assertFalse(client.smsOtp());
        assertFalse(client.dropOffAccess());
        assertEquals(T0, client.createdAt());
        assertEquals(T0, client.updatedAt());
    }

    @Test
    void changingTheEmailMakesTheClientPendingAgain() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0);
        setStatus(entity, RegistrationStatus.REGISTERED);

        entity.apply(couple("ANN@example.com"), T1);
        assertEquals(RegistrationStatus.REGISTERED, entity.toValue().status(), "same address, other case");

        entity.apply(couple("ann.new@example.com"), T1);
        assertEquals(RegistrationStatus.PENDING, entity.toValue().status());
        assertEquals(T0, entity.toValue().createdAt());
        assertEquals(T1, entity.toValue().updatedAt());
    }

    @Test
    void otherEditsKeepTheStatus() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0);
        setStatus(entity, RegistrationStatus.INVITED);
        ClientData renamed = ClientRules.normalize(ClientRulesTest.individual().name("Ann Jones")
                .email("ann@example.com").mfj(ClientRulesTest.spouse("bob@example.com")).build());
        entity.apply(renamed, T1);
        assertEquals(RegistrationStatus.INVITED, entity.toValue().status());
        assertEquals("Ann Jones", entity.toValue().name());
    }

    @Test
    void accessFlagsNotGivenKeepTheirValue() {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0);
        entity.setDropOffAccess(true, T1);
        entity.apply(couple("ann@example.com"), T1);
        assertTrue(entity.toValue().dropOffAccess());
    }

    @Test
    void leavingMarriedFilingJointlyDropsTheSpouse() {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0);
        entity.apply(ClientRules.normalize(ClientRulesTest.individual().email("ann@example.com").build()), T1);
        assertNull(entity.toValue().spouse());
        assertFalse(entity.toValue().marriedFilingJointly());
    }

    @Test
    void searchTextHoldsEveryTextKeyInLowerCase() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("Ann@Example.com"), T0);
        String text = (String) field("searchText").get(entity);
        assertEquals("00123\\nann smith\\nann@example.com\\nbob smith\\nbob@example.com".replace("\\n", "\n"), text);
    }

    private static void setStatus(ClientEntity entity, RegistrationStatus status) throws Exception {
        field("status").set(entity, status);
    }

    private static Field field(String name) throws Exception {
        Field field = ClientEntity.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
