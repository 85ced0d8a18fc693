package org.atrium.registry.internal;

import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * Refuses a key that is not the one the register's tax IDs were encrypted with, before anything is written under
 * it: a node given another master key than its peers, or a register moved from embedded Derby without its key,
 * would otherwise answer every client with an error and mix two keys in one table.
 */
final class TaxIdKeyCheck {

    private static final String ONE_STORED = "SELECT c.taxpayer.taxId FROM ClientEntity c"
            + " WHERE c.taxpayer.taxId IS NOT NULL AND c.taxpayer.taxIdHash IS NOT NULL";

    private TaxIdKeyCheck() {
    }

    /** @param keySource where the key came from, for the message */
    static void verify(JpaTemplate jpa, TaxIdCipher taxIds, String keySource) {
        List<String> stored = jpa.txExpr(TransactionType.Supports,
                em -> em.createQuery(ONE_STORED, String.class).setMaxResults(1).getResultList());
        if (stored.isEmpty()) {
            return;
        }
        try {
            taxIds.decrypt(stored.get(0));
        } catch (IllegalStateException wrongKey) {
            throw new IllegalStateException("The register does not start: its tax IDs were encrypted with another "
                    + "key than " + keySource + ". Give this node the master key the others have (etc/atrium.keys.cfg"
                    + " or ATRIUM_MASTER_KEY), or, moved from embedded Derby, the key of its data/atrium/tax-id.key "
                    + "or master.key");
        }
    }
}
