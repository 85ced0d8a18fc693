package org.atrium.api.client;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A client as stored in the register. {@code taxId} holds the full SSN/EIN for the few callers entitled to
 * it; anything shown to people uses {@link #maskedTaxId()}, and {@link #toString()} never contains the tax
 * ID, email or date of birth.
 *
 * @param version optimistic-locking version: an update must name the version it was based on
 * @param invitedAt when the last onboarding email was sent; {@code null} if never
 * @param invitationExpiresAt when the links of the last onboarding email stop working
 * @param lastInvitationError why the last onboarding email could not be delivered; {@code null} if it was
 *        (or none was sent)
 */
public record Client(String clientId, ClientType type, String name, String email, String taxId,
        LocalDate dateOfBirth, String countryCode, String mobileNumber, int officeLocation,
        boolean marriedFilingJointly, Spouse spouse, boolean spouseSignsFirst, boolean portalAccess, boolean smsOtp,
        boolean dropOffAccess, RegistrationStatus status, Instant createdAt, Instant updatedAt, long version,
        Instant invitedAt, Instant invitationExpiresAt, String lastInvitationError, Instant lastInvitationErrorAt) {

    public String maskedTaxId() {
        return type.maskTaxId(taxId);
    }

    @Override
    public String toString() {
        return "Client[clientId=" + clientId + ", type=" + type + ", name=" + name + ", taxId=" + maskedTaxId()
                + ", officeLocation=" + officeLocation + ", status=" + status + ", version=" + version + "]";
    }
}
