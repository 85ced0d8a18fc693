package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.persistence.Column;
import javax.persistence.ElementCollection;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.Person;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.portal.Invitation;
import org.junit.jupiter.api.Test;

class ClientEntityTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-02-01T00:00:00Z");
    static final TaxIdCipher TAX_IDS = new TaxIdCipher(new byte[TaxIdCipher.KEY_BYTES]);

    static ClientData couple(String email) {
        return ClientRules.normalize(ClientRulesTest.individual().email(email)
                .mfj(ClientRulesTest.spouse("Bob@Example.com")).build());
    }

    @Test
    void newClientsArePendingWithPortalAccessAndNothingElse() {
        Client client = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS).toValue(TAX_IDS);
        assertEquals(RegistrationStatus.PENDING, client.status());
        assertTrue(client.portalAccess());
        assertFalse(client.smsOtp());
        assertFalse(client.dropOffAccess());
        assertEquals(T0, client.createdAt());
        assertEquals(T0, client.updatedAt());
    }

    @Test
    void changingTheEmailMakesTheClientPendingAgain() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        setStatus(entity, RegistrationStatus.REGISTERED);

        entity.apply(couple("ANN@example.com"), T1, TAX_IDS);
        assertEquals(RegistrationStatus.REGISTERED, entity.toValue(TAX_IDS).status(), "same address, other case");

        entity.apply(couple("ann.new@example.com"), T1, TAX_IDS);
        assertEquals(RegistrationStatus.PENDING, entity.toValue(TAX_IDS).status());
        assertEquals(T0, entity.toValue(TAX_IDS).createdAt());
        assertEquals(T1, entity.toValue(TAX_IDS).updatedAt());
    }

    @Test
    void aNewEmailMustRegisterAgainWhileTheOtherPersonKeepsTheClientRegistered() {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        entity.registered(Person.TAXPAYER, T0);
        entity.registered(Person.SPOUSE, T0);

        entity.apply(couple("ann.new@example.com"), T1, TAX_IDS);
        Client client = entity.toValue(TAX_IDS);
        assertNull(client.registeredAt());
        assertEquals(T0, client.spouseRegisteredAt());
        assertEquals(RegistrationStatus.REGISTERED, client.status(), "the spouse is still registered");

        entity.apply(ClientRules.normalize(ClientRulesTest.individual().email("ann.new@example.com")
                .mfj(ClientRulesTest.spouse("bob.new@example.com")).build()), T1, TAX_IDS);
        assertNull(entity.toValue(TAX_IDS).spouseRegisteredAt());
        assertEquals(RegistrationStatus.PENDING, entity.toValue(TAX_IDS).status(), "nobody is registered any more");
    }

    @Test
    void registrationIsSnapshottedForAnImportRevert() {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        entity.registered(Person.SPOUSE, T1);
        String snapshot = entity.snapshot();
        entity.apply(couple("ann@example.com"), T1, TAX_IDS);
        ClientEntity restored = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        restored.restore(snapshot);
        assertEquals(T1, restored.toValue(TAX_IDS).spouseRegisteredAt());
        assertEquals(RegistrationStatus.REGISTERED, restored.toValue(TAX_IDS).status());
    }

    @Test
    void otherEditsKeepTheStatus() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        setStatus(entity, RegistrationStatus.INVITED);
        ClientData renamed = ClientRules.normalize(ClientRulesTest.individual().name("Ann Jones")
                .email("ann@example.com").mfj(ClientRulesTest.spouse("bob@example.com")).build());
        entity.apply(renamed, T1, TAX_IDS);
        assertEquals(RegistrationStatus.INVITED, entity.toValue(TAX_IDS).status());
        assertEquals("Ann Jones", entity.toValue(TAX_IDS).name());
    }

    @Test
    void accessFlagsNotGivenKeepTheirValue() {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        entity.setDropOffAccess(true, T1);
        entity.apply(couple("ann@example.com"), T1, TAX_IDS);
        assertTrue(entity.toValue(TAX_IDS).dropOffAccess());
    }

    @Test
    void leavingMarriedFilingJointlyDropsTheSpouse() {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        entity.apply(ClientRules.normalize(ClientRulesTest.individual().email("ann@example.com").build()), T1,
                TAX_IDS);
        assertNull(entity.toValue(TAX_IDS).spouse());
        assertFalse(entity.toValue(TAX_IDS).marriedFilingJointly());
    }

    @Test
    void searchTextHoldsEveryTextKeyInLowerCase() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("Ann@Example.com"), T0, TAX_IDS);
        String text = (String) field("searchText").get(entity);
        assertEquals("00123\\nann smith\\nann@example.com\\nbob smith\\nbob@example.com".replace("\\n", "\n"), text);
    }

    @Test
    void taxIdsAreStoredEncryptedAndReadBackInFull() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        for (String column : new String[] {"taxId", "spouseTaxId"}) {
            String stored = (String) field(column).get(entity);
            assertFalse(stored.contains("123456789") || stored.contains("987654321"), stored);
        }
        assertEquals("123456789", entity.toValue(TAX_IDS).taxId());
        assertEquals("987654321", entity.toValue(TAX_IDS).spouse().taxId());
        assertEquals(TAX_IDS.searchHash("123456789"), field("taxIdHash").get(entity));
    }

    @Test
    void rowsFromBeforeEncryptionAreEncryptedOnUpgrade() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        field("taxId").set(entity, "123456789");
        field("taxIdHash").set(entity, null);
        field("searchText").set(entity, null);
        entity.upgrade(TAX_IDS);
        assertFalse(((String) field("taxId").get(entity)).contains("123456789"));
        assertEquals("123456789", entity.toValue(TAX_IDS).taxId());
        assertEquals(TAX_IDS.searchHash("123456789"), field("taxIdHash").get(entity));
        assertTrue(((String) field("searchText").get(entity)).contains("ann smith"));
    }

    @Test
    void theImportColumnsAreEveryMappedColumnOnce() {
        for (Class<?> entity : List.of(ClientEntity.class, AuditEntity.class, ImportUndoEntity.class)) {
            List<String> mapped = Arrays.stream(entity.getDeclaredFields())
                    .filter(f -> !f.isAnnotationPresent(ElementCollection.class)) // its own table, CLIENT_EMAIL
                    .map(f -> f.getAnnotation(Column.class)).filter(Objects::nonNull).map(Column::name).sorted()
                    .toList();
            List<String> written = columns(entity).stream().sorted().toList();
            assertEquals(mapped, written, entity.getSimpleName());
        }
    }

    private static List<String> columns(Class<?> entity) {
        return entity == ClientEntity.class ? ClientEntity.COLUMNS
                : entity == AuditEntity.class ? AuditEntity.COLUMNS : ImportUndoEntity.COLUMNS;
    }

    @Test
    void aSnapshotRestoresEveryValueAnImportOverwrites() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        entity.invited(new Invitation("a".repeat(64), "b".repeat(64), T1), T1);
        entity.invitationFailed("mailbox full: \"ann\", 5:1\n-", T1);
        Object[] before = entity.columnValues();
        String snapshot = entity.snapshot();

        entity.overwriteByImport(ClientRules.normalize(ClientRulesTest.individual().name("Other Name")
                .email("other@example.com").build()), T1.plusSeconds(60), TAX_IDS);
        assertEquals("Other Name", entity.toValue(TAX_IDS).name());
        assertEquals(RegistrationStatus.PENDING, entity.toValue(TAX_IDS).status());
        entity.restore(snapshot);

        Object[] after = entity.columnValues();
        for (int i = 0; i < before.length; i++) {
            if (!ClientEntity.COLUMNS.get(i).equals("VERSION")) {
                assertEquals(before[i], after[i], ClientEntity.COLUMNS.get(i));
            }
        }
        assertEquals(Set.of("ann@example.com", "bob@example.com"), entity.claimedEmailKeys());
    }

    @Test
    void aClientReadAsValuesIsTheClientReadAsAnEntity() throws Exception {
        for (ClientEntity entity : List.of(ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS),
                ClientEntity.create(ClientRules.normalize(ClientRulesTest.individual().build()), T1, TAX_IDS))) {
            entity.invited(new Invitation("a".repeat(64), "b".repeat(64), T1), T1);
            Object[] row = new Object[ClientEntity.VALUE_FIELDS.size()];
            for (int i = 0; i < row.length; i++) {
                // what the JPQL select list returns: the mapped attribute's value
                row[i] = field(ClientEntity.VALUE_FIELDS.get(i)).get(entity);
            }

            assertEquals(entity.toValue(TAX_IDS), ClientEntity.valueOf(row, TAX_IDS));
        }
    }

    @Test
    void anImportedClientHasItsReservedKeyAndTheFirstVersion() {
        ClientEntity entity = ClientEntity.imported(couple("ann@example.com"), T0, TAX_IDS, "job-1", 4711);
        assertEquals(4711, entity.pk());
        assertEquals(1, entity.version());
        assertEquals("job-1", entity.columnValues()[ClientEntity.COLUMNS.indexOf("CREATED_BY_IMPORT")]);
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
