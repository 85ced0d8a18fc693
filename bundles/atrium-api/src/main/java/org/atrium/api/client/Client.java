package org.atrium.api.client;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A client as stored in the register. {@code taxId} holds the full SSN/EIN for the few callers entitled to
 * it; anything shown to people uses {@link #maskedTaxId()}, and {@link #toString()} never contains the tax
 * ID, email or date of birth.
 *
 * @param version optimistic-locking version: an update must name the version it was based on
 */
public record Client(String clientId, ClientType type, String name, String email, String taxId,
        LocalDate dateOfBirth, String countryCode, String mobileNumber, int officeLocation,
        boolean marriedFilingJointly, Spouse spouse, boolean spouseSignsFirst, boolean portalAccess, boolean smsOtp,
        boolean dropOffAccess, RegistrationStatus status, Instant createdAt, Instant updatedAt, long version) {

    public String maskedTaxId() {
        return type.maskTaxId(taxId);
    }

    @Override
    public String toString() {
        return "Client[clientId=" + clientId + ", type=" + type + ", name=" + name + ", taxId=" + maskedTaxId()
                + ", officeLocation=" + officeLocation + ", status=" + status + ", version=" + version + "]";
    }
}
