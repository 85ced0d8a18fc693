package org.atrium.rest.internal;

import java.time.format.DateTimeFormatter;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.client.Spouse;

/**
 * A client as the API shows it: tax IDs masked the IRS way, dates as ISO text. Married-filing-jointly
 * records carry {@code marriedFilingJointly: true} and a spouse, so lists can show the spouse indicator.
 */
public record ClientJson(String clientId, String reference, ClientType type, String name, String email, String taxId,
        String dateOfBirth, String countryCode, String mobileNumber, int officeLocation, boolean marriedFilingJointly,
        SpouseJson spouse, boolean spouseSignsFirst, boolean portalAccess, boolean smsOtp, boolean dropOffAccess,
        RegistrationStatus status, String createdAt, String updatedAt, long version, String invitedAt,
        String invitationExpiresAt, String lastInvitationError, String lastInvitationErrorAt, String registeredAt,
        String spouseRegisteredAt, String lastSignInAt) {

    /** The spouse as the API shows it: SSN masked. */
    public record SpouseJson(String name, String email, String taxId, String dateOfBirth, String countryCode,
            String mobileNumber) {

        static SpouseJson of(Spouse spouse) {
            return spouse == null ? null : new SpouseJson(spouse.name(), spouse.email(), spouse.maskedTaxId(),
                    date(spouse.dateOfBirth()), spouse.countryCode(), spouse.mobileNumber());
        }
    }

    static ClientJson of(Client c) {
        return new ClientJson(c.clientId(), c.reference(), c.type(), c.name(), c.email(), c.maskedTaxId(), date(c.dateOfBirth()),
                c.countryCode(), c.mobileNumber(), c.officeLocation(), c.marriedFilingJointly(), SpouseJson.of(c.spouse()),
                c.spouseSignsFirst(), c.portalAccess(), c.smsOtp(), c.dropOffAccess(), c.status(),
                c.createdAt().toString(), c.updatedAt().toString(), c.version(), text(c.invitedAt()),
                text(c.invitationExpiresAt()), c.lastInvitationError(), text(c.lastInvitationErrorAt()),
                text(c.registeredAt()), text(c.spouseRegisteredAt()), text(c.lastSignInAt()));
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String date(java.time.LocalDate date) {
        return date == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }
}
