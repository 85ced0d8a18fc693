package org.atrium.registry.internal;

import static org.atrium.registry.internal.ClientEntityTest.T0;
import static org.atrium.registry.internal.ClientEntityTest.T1;
import static org.atrium.registry.internal.ClientEntityTest.TAX_IDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientData;
import org.junit.jupiter.api.Test;

public class AuditLogTest {

    private static Client stored(ClientData data) {
        return ClientEntity.create(ClientRules.normalize(data), T0, TAX_IDS).toValue(TAX_IDS);
    }

    private static FieldChange change(List<FieldChange> changes, String field) {
        return changes.stream().filter(c -> c.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + field + " in " + changes));
    }

    @Test
    void anEditRecordsOnlyTheChangedFieldsFromWhatToWhat() {
        Client before = stored(ClientRulesTest.individual().email("ann@example.com").build());
        ClientEntity entity = ClientEntity.create(ClientRules.normalize(ClientRulesTest.individual()
                .email("ann@example.com").build()), T0, TAX_IDS);
        entity.apply(ClientRules.normalize(ClientRulesTest.individual().name("Ann Jones").email("ann@example.com")
                .build()), T1, TAX_IDS);

        List<FieldChange> changes = AuditLog.diff(before, entity.toValue(TAX_IDS));

        assertEquals(List.of(new FieldChange("name", before.name(), "Ann Jones")), changes,
                "updatedAt and version are bookkeeping, not changes");
    }

    @Test
    void taxIdsAreRecordedMasked() {
        Client before = stored(ClientRulesTest.individual().taxId("123456789").build());
        Client after = stored(ClientRulesTest.individual().taxId("987654321").build());

        FieldChange taxId = change(AuditLog.diff(before, after), "taxId");

        assertEquals(new FieldChange("taxId", "XXX-XX-6789", "XXX-XX-4321"), taxId);
    }

    @Test
    void aNewClientIsRecordedWithEveryValueAndNoFullTaxId() {
        Client created = stored(ClientRulesTest.individual().taxId("123456789").email("ann@example.com")
                .mfj(ClientRulesTest.spouse("bob@example.com")).build());

        List<FieldChange> changes = AuditLog.diff(null, created);

        assertEquals("bob@example.com", change(changes, "spouse.email").to());
        assertEquals(created.spouse().maskedTaxId(), change(changes, "spouse.taxId").to());
        assertEquals("XXX-XX-6789", change(changes, "taxId").to());
        assertTrue(changes.stream().allMatch(c -> c.from() == null));
        assertFalse(changes.toString().contains("123456789"));
        assertFalse(changes.toString().contains(created.spouse().taxId()));
    }

    @Test
    void aDeletedClientKeepsItsFormerValuesInTheTrail() {
        Client deleted = stored(ClientRulesTest.individual().email("ann@example.com").build());

        List<FieldChange> changes = AuditLog.diff(deleted, null);

        assertEquals(new FieldChange("email", "ann@example.com", null), change(changes, "email"));
        assertTrue(changes.stream().allMatch(c -> c.to() == null));
    }

    @Test
    void longValuesAreCutToTheColumnSize() {
        List<FieldChange> stored = AuditChanges.decode(AuditChanges.encode(List.of(
                new FieldChange("body", null, "x".repeat(2000)))));
        assertEquals(AuditChanges.MAX_VALUE, stored.get(0).to().length());
        assertTrue(stored.get(0).to().endsWith("…"));
    }

    @Test
    void changesSurviveTheirOneColumnEncodingWhateverTheyContain() {
        List<FieldChange> changes = List.of(new FieldChange("name", "Ann\tSmith", "Ann\tJones"),
                new FieldChange("body", "<p>line 1\nline 2\r\n</p>\t\\0", null),
                new FieldChange("email", null, "\\0"), new FieldChange("note", "", " "));

        assertEquals(changes, AuditChanges.decode(AuditChanges.encode(changes)));
        assertEquals(List.of(), AuditChanges.decode(AuditChanges.encode(List.of())));
    }
}
