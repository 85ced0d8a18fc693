package org.atrium.registry.internal;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.Spouse;

/**
 * A masked tax ID sent back (as a read or an export shows it: {@code XXX-XX-6789}) means "keep the stored
 * one", on REST as in an import, when it is the stored number's mask.
 */
public final class MaskedTaxIds {

    private MaskedTaxIds() {
    }

    /** Whether the text is a mask, not a number: nothing to store. */
    public static boolean isMask(String taxId) {
        return taxId != null && taxId.startsWith("XX");
    }

    /**
     * The data with each masked tax ID that masks the stored one replaced by the stored one.
     *
     * @param storedTaxId the stored client's number, or null
     * @param storedSpouseTaxId the stored spouse's number, or null
     */
    public static ClientData keepStored(ClientData data, String storedTaxId, String storedSpouseTaxId) {
        String taxId = data.taxId();
        if (isMask(taxId) && storedTaxId != null && data.type() != null
                && taxId.equals(data.type().maskTaxId(storedTaxId))) {
            taxId = storedTaxId;
        }
        Spouse spouse = data.spouse();
        if (spouse != null && isMask(spouse.taxId()) && storedSpouseTaxId != null
                && spouse.taxId().equals(ClientType.INDIVIDUAL.maskTaxId(storedSpouseTaxId))) {
            spouse = new Spouse(spouse.name(), spouse.email(), storedSpouseTaxId, spouse.dateOfBirth(),
                    spouse.countryCode(), spouse.mobileNumber());
        }
        return new ClientData(data.clientId(), data.type(), data.name(), data.email(), taxId, data.dateOfBirth(),
                data.countryCode(), data.mobileNumber(), data.officeLocation(), data.marriedFilingJointly(), spouse,
                data.spouseSignsFirst(), data.portalAccess(), data.smsOtp(), data.dropOffAccess());
    }
}
