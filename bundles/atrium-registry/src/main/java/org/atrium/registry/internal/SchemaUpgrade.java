package org.atrium.registry.internal;

import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings rows and tables written by an earlier version up to date when the register starts: search words
 * (see {@link SearchWordsUpgrade}), tax IDs stored in plain text (encrypted now), client references (see
 * {@link ReferenceUpgrade}).
 */
public final class SchemaUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaUpgrade.class);
    /** Clients upgraded per transaction: a register of a million is not one transaction. */
    static final int CHUNK = 1_000;
    private static final int PROGRESS_EVERY = 100 * CHUNK;
    private static final String OUTDATED = "SELECT c FROM ClientEntity c WHERE c.pk > :after"
            + " AND ((c.taxpayer.taxId IS NOT NULL AND c.taxpayer.taxIdHash IS NULL)"
            + " OR (c.spouse.taxId IS NOT NULL AND c.spouse.taxIdHash IS NULL)) ORDER BY c.pk";

    private SchemaUpgrade() {
    }

    static void run(JpaTemplate jpa, TaxIdCipher taxIds) {
        long indexed = SearchWordsUpgrade.run(jpa);
        if (indexed > 0) {
            jpa.tx(TransactionType.Supports, em -> em.getEntityManagerFactory().getCache().evictAll());
            LOG.info("Indexed the search words of {} clients written by an earlier version", indexed);
        }
        long after = Long.MIN_VALUE;
        long upgraded = 0;
        while (true) {
            long from = after;
            List<Long> chunk = jpa.txExpr(TransactionType.Required, em -> em
                    .createQuery(OUTDATED, ClientEntity.class).setParameter("after", from).setMaxResults(CHUNK)
                    .getResultList().stream().map(c -> {
                        c.upgrade(taxIds);
                        return c.pk();
                    }).toList());
            if (chunk.isEmpty()) {
                break;
            }
            after = chunk.get(chunk.size() - 1);
            upgraded += chunk.size();
            if (upgraded % PROGRESS_EVERY == 0) {
                LOG.info("Encrypting the tax IDs of clients written by an earlier version: {} done so far", upgraded);
            }
        }
        if (upgraded > 0) {
            LOG.info("Encrypted the tax IDs of {} clients written by an earlier version", upgraded);
        }
        ReferenceUpgrade.run(jpa);
    }
}
