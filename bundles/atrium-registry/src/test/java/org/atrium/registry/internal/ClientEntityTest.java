package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.persistence.AttributeOverride;
import javax.persistence.AttributeOverrides;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Embedded;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.Person;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.portal.Invitation;
import org.atrium.registry.internal.imports.ImportUndoEntity;
import org.junit.jupiter.api.Test;

public class ClientEntityTest {

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
    void theClientIsFoundByTheWordsOfItsIdNamesAndEmailsInLowerCase() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("Ann@Example.com"), T0, TAX_IDS);
        assertEquals(" 00123 123 ann smith example com bob ", field("searchText").get(entity));
        assertEquals(Set.of("00123", "123", "ann", "smith", "example", "com", "bob"), field("searchTerms").get(entity));
        entity.apply(ClientRules.normalize(ClientRulesTest.individual().email("ann@example.com").build()), T1,
                TAX_IDS);
        assertEquals(entity.searchTermsOfFields(), field("searchTerms").get(entity), "the spouse's words are gone");
        assertFalse(entity.searchTermsOfFields().contains("bob"));
    }

    @Test
    void taxIdsAreStoredEncryptedAndReadBackInFull() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        for (String column : new String[] {"taxpayer.taxId", "spouse.taxId"}) {
            String stored = (String) get(entity, column);
            assertFalse(stored.contains("123456789") || stored.contains("987654321"), stored);
        }
        assertEquals("123456789", entity.toValue(TAX_IDS).taxId());
        assertEquals("987654321", entity.toValue(TAX_IDS).spouse().taxId());
        assertEquals(TAX_IDS.searchHash("123456789"), get(entity, "taxpayer.taxIdHash"));
    }

    @Test
    void rowsFromBeforeEncryptionAreEncryptedOnUpgrade() throws Exception {
        ClientEntity entity = ClientEntity.create(couple("ann@example.com"), T0, TAX_IDS);
        set(entity, "taxpayer.taxId", "123456789");
        set(entity, "taxpayer.taxIdHash", null);
        entity.upgrade(TAX_IDS);
        assertFalse(((String) get(entity, "taxpayer.taxId")).contains("123456789"));
        assertEquals("123456789", entity.toValue(TAX_IDS).taxId());
        assertEquals(TAX_IDS.searchHash("123456789"), get(entity, "taxpayer.taxIdHash"));
    }

    @Test
    void theImportColumnsAreEveryMappedColumnOnce() {
        for (Class<?> entity : List.of(ClientEntity.class, AuditEntity.class, ImportUndoEntity.class)) {
            List<String> mapped = Arrays.stream(entity.getDeclaredFields())
                    .filter(f -> !f.isAnnotationPresent(ElementCollection.class)) // its own table, CLIENT_EMAIL
                    .flatMap(ClientEntityTest::columnNames).sorted().toList();
            List<String> written = columns(entity).stream().sorted().toList();
            assertEquals(mapped, written, entity.getSimpleName());
        }
    }

    /** The column a field maps to, or those of an embedded person (with the overridden names). */
    private static java.util.stream.Stream<String> columnNames(Field field) {
        if (!field.isAnnotationPresent(Embedded.class)) {
            return java.util.stream.Stream.ofNullable(field.getAnnotation(Column.class)).map(Column::name);
        }
        java.util.Map<String, String> overridden = new java.util.HashMap<>();
        for (AttributeOverride override : field.getAnnotation(AttributeOverrides.class).value()) {
            overridden.put(override.name(), override.column().name());
        }
        return Arrays.stream(field.getType().getDeclaredFields()).filter(f -> f.isAnnotationPresent(Column.class))
                .map(f -> overridden.getOrDefault(f.getName(), f.getAnnotation(Column.class).name()));
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
                row[i] = get(entity, ClientEntity.VALUE_FIELDS.get(i));
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

    /** The value of a field or, with a dot, of a field of an embedded object (null if that is null). */
    private static Object get(Object entity, String path) throws Exception {
        Object value = entity;
        for (String name : path.split("\\.")) {
            if (value == null) {
                return null;
            }
            Field field = value.getClass().getDeclaredField(name);
            field.setAccessible(true);
            value = field.get(value);
        }
        return value;
    }

    private static void set(Object entity, String path, Object value) throws Exception {
        int dot = path.lastIndexOf('.');
        Object owner = dot < 0 ? entity : get(entity, path.substring(0, dot));
        Field field = owner.getClass().getDeclaredField(path.substring(dot + 1));
        field.setAccessible(true);
        field.set(owner, value);
    }

    private static Field field(String name) throws Exception {
        Field field = ClientEntity.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
