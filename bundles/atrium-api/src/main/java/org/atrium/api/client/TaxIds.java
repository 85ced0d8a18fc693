package org.atrium.api.client;

/**
 * A client's full, unmasked SSN/EIN and spouse SSN, for the rare reader entitled to them (each read is
 * audited). {@link #toString()} masks them.
 *
 * @param taxId may be {@code null}
 * @param spouseTaxId may be {@code null}
 */
public record TaxIds(String clientId, ClientType type, String taxId, String spouseTaxId) {

    @Override
    public String toString() {
        return "TaxIds[clientId=" + clientId + ", taxId=" + type.maskTaxId(taxId) + ", spouseTaxId="
                + ClientType.INDIVIDUAL.maskTaxId(spouseTaxId) + "]";
    }
}
