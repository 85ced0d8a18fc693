package org.atrium.api.client;

import java.time.LocalDate;

/**
 * The spouse of an individual client filing jointly. The spouse is a person of their own: own email
 * (different from the taxpayer's), SSN, date of birth and mobile.
 *
 * @param taxId the SSN, 9 digits; shown only masked ({@link #toString()} masks it)
 */
public record Spouse(String name, String email, String taxId, LocalDate dateOfBirth, String countryCode,
        String mobileNumber) {

    public String maskedTaxId() {
        return ClientType.INDIVIDUAL.maskTaxId(taxId);
    }

    /** Masks the SSN and leaves out email and date of birth, so a logged spouse leaks nothing. */
    @Override
    public String toString() {
        return "Spouse[name=" + name + ", taxId=" + maskedTaxId() + "]";
    }
}
