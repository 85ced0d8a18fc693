package org.atrium.rest.internal;

import org.atrium.api.client.ClientType;
import org.atrium.api.client.TaxIds;

/** {@code GET /clients/{id}/tax-id}: the full numbers, written as on tax forms (SSN 123-45-6789, EIN 12-3456789). */
public record TaxIdJson(String clientId, String taxId, String spouseTaxId) {

    static TaxIdJson of(TaxIds ids) {
        return new TaxIdJson(ids.clientId(), format(ids.type(), ids.taxId()), format(ClientType.INDIVIDUAL,
                ids.spouseTaxId()));
    }

    static String format(ClientType type, String digits) {
        if (digits == null || digits.length() != 9) {
            return digits;
        }
        return type == ClientType.ENTITY ? digits.substring(0, 2) + "-" + digits.substring(2)
                : digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
    }

    @Override
    public String toString() {
        return "TaxIdJson[clientId=" + clientId + "]";
    }
}
