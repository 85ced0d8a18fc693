package org.atrium.registry.internal;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * Brings rows and tables written by an earlier version up to date when the register starts: search text,
 * tax IDs stored in plain text (encrypted now), client references (see {@link ReferenceUpgrade}).
 */
public final class SchemaUpgrade {

    private SchemaUpgrade() {
    }

    static void run(JpaTemplate jpa, TaxIdCipher taxIds) {
        jpa.tx(TransactionType.Required, em -> em
                .createQuery("SELECT c FROM ClientEntity c WHERE c.searchText IS NULL"
                        + " OR (c.taxpayer.taxId IS NOT NULL AND c.taxpayer.taxIdHash IS NULL)"
                        + " OR (c.spouse.taxId IS NOT NULL AND c.spouse.taxIdHash IS NULL)", ClientEntity.class)
                .getResultStream().forEach(c -> c.upgrade(taxIds)));
        ReferenceUpgrade.run(jpa);
    }
}
