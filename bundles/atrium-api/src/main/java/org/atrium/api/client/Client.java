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
 * @param registeredAt when the taxpayer registered for the portal with the link of an onboarding email;
 *        {@code null} if not (yet, or again since their email changed)
 * @param spouseRegisteredAt the same for the spouse
 * @param lastSignInAt when the taxpayer or the spouse last signed in to the portal; {@code null} if never
 * @param reference the client's own identity: given once when the client is created, never changed (not by
 *        a rename, an email change, an import or a revert) and never given to another client, unlike the
 *        client ID and the email addresses, which staff may change and reuse. Whatever belongs to a client
 *        (drop-offs, delivered items, portal sessions) is tied to it.
 */
public record Client(String clientId, ClientType type, String name, String email, String taxId,
        LocalDate dateOfBirth, String countryCode, String mobileNumber, int officeLocation,
        boolean marriedFilingJointly, Spouse spouse, boolean spouseSignsFirst, boolean portalAccess, boolean smsOtp,
        boolean dropOffAccess, RegistrationStatus status, Instant createdAt, Instant updatedAt, long version,
        Instant invitedAt, Instant invitationExpiresAt, String lastInvitationError, Instant lastInvitationErrorAt,
        Instant registeredAt, Instant spouseRegisteredAt, Instant lastSignInAt, String reference) {

    /** A client without a reference: the constructor of version 1.1 of this package. */
    public Client(String clientId, ClientType type, String name, String email, String taxId, LocalDate dateOfBirth,
            String countryCode, String mobileNumber, int officeLocation, boolean marriedFilingJointly, Spouse spouse,
            boolean spouseSignsFirst, boolean portalAccess, boolean smsOtp, boolean dropOffAccess,
            RegistrationStatus status, Instant createdAt, Instant updatedAt, long version, Instant invitedAt,
            Instant invitationExpiresAt, String lastInvitationError, Instant lastInvitationErrorAt,
            Instant registeredAt, Instant spouseRegisteredAt, Instant lastSignInAt) {
        this(clientId, type, name, email, taxId, dateOfBirth, countryCode, mobileNumber, officeLocation,
                marriedFilingJointly, spouse, spouseSignsFirst, portalAccess, smsOtp, dropOffAccess, status, createdAt,
                updatedAt, version, invitedAt, invitationExpiresAt, lastInvitationError, lastInvitationErrorAt,
                registeredAt, spouseRegisteredAt, lastSignInAt, null);
    }

    /** A client that never used the portal: the constructor of version 1.0 of this package. */
    public Client(String clientId, ClientType type, String name, String email, String taxId, LocalDate dateOfBirth,
            String countryCode, String mobileNumber, int officeLocation, boolean marriedFilingJointly, Spouse spouse,
            boolean spouseSignsFirst, boolean portalAccess, boolean smsOtp, boolean dropOffAccess,
            RegistrationStatus status, Instant createdAt, Instant updatedAt, long version, Instant invitedAt,
            Instant invitationExpiresAt, String lastInvitationError, Instant lastInvitationErrorAt) {
        this(clientId, type, name, email, taxId, dateOfBirth, countryCode, mobileNumber, officeLocation,
                marriedFilingJointly, spouse, spouseSignsFirst, portalAccess, smsOtp, dropOffAccess, status, createdAt,
                updatedAt, version, invitedAt, invitationExpiresAt, lastInvitationError, lastInvitationErrorAt, null,
                null, null, null);
    }

    /** The taxpayer or the spouse as a person of the portal; empty for a spouse the client does not have. */
    public java.util.Optional<PortalPerson> person(Person person) {
        if (person == Person.SPOUSE && (!marriedFilingJointly || spouse == null)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PortalPerson(this, person));
    }

    public String maskedTaxId() {
        return type.maskTaxId(taxId);
    }

    /** This client as people may see it: the taxpayer's and the spouse's tax IDs masked, all else the same. */
    public Client withTaxIdsMasked() {
        Spouse masked = spouse == null ? null : new Spouse(spouse.name(), spouse.email(), spouse.maskedTaxId(),
                spouse.dateOfBirth(), spouse.countryCode(), spouse.mobileNumber());
        return new Client(clientId, type, name, email, maskedTaxId(), dateOfBirth, countryCode, mobileNumber,
                officeLocation, marriedFilingJointly, masked, spouseSignsFirst, portalAccess, smsOtp, dropOffAccess,
                status, createdAt, updatedAt, version, invitedAt, invitationExpiresAt, lastInvitationError,
                lastInvitationErrorAt, registeredAt, spouseRegisteredAt, lastSignInAt, reference);
    }

    @Override
    public String toString() {
        return "Client[clientId=" + clientId + ", type=" + type + ", name=" + name + ", taxId=" + maskedTaxId()
                + ", officeLocation=" + officeLocation + ", status=" + status + ", version=" + version + ", reference="
                + reference + "]";
    }
}
