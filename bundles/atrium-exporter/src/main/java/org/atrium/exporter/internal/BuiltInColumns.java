package org.atrium.exporter.internal;

import java.util.List;
import java.util.function.Function;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.client.Spouse;

/**
 * Atrium's own columns, named as the client list's JSON fields ({@code spouse.name} for the spouse's), with
 * the import template's headers where the template has the column: an export with those columns can be
 * edited and imported back as a bulk edit.
 */
final class BuiltInColumns {

    static final List<Column> ALL = List.of(
            column("clientId", "Client ID", true, 14, Client::clientId),
            column("type", "Client Type", true, 12, c -> typeName(c.type())),
            column("name", "Name", true, 30, Client::name),
            column("email", "Email Address", true, 32, Client::email),
            new Column("taxId", "SSN/EIN", true, true, 13,
                    (c, context) -> context.revealTaxIds() ? c.taxId() : c.maskedTaxId()),
            column("dateOfBirth", "Date of Birth", false, 12, Client::dateOfBirth),
            column("countryCode", "Country Code", false, 8, Client::countryCode),
            column("mobileNumber", "Mobile Number", false, 15, Client::mobileNumber),
            column("officeLocation", "Office Location", true, 8, Client::officeLocation),
            new Column("officeLocationName", "Office Location Name", false, false, 24,
                    (c, context) -> context.officeNames().get(c.officeLocation())),
            column("marriedFilingJointly", "Married Filing Jointly", false, 8, Client::marriedFilingJointly),
            spouseColumn("spouse.name", "Spouse Name", true, 30, Spouse::name),
            spouseColumn("spouse.email", "Spouse Email Address", false, 32, Spouse::email),
            new Column("spouse.taxId", "Spouse SSN", false, true, 13,
                    (c, context) -> c.spouse() == null ? null
                            : context.revealTaxIds() ? c.spouse().taxId() : c.spouse().maskedTaxId()),
            spouseColumn("spouse.dateOfBirth", "Spouse Date of Birth", false, 12, Spouse::dateOfBirth),
            spouseColumn("spouse.countryCode", "Spouse Country Code", false, 8, Spouse::countryCode),
            spouseColumn("spouse.mobileNumber", "Spouse Mobile Number", false, 15, Spouse::mobileNumber),
            new Column("spouseSignsFirst", "Spouse Signs First", false, false, 8,
                    (c, context) -> c.marriedFilingJointly() ? c.spouseSignsFirst() : null),
            column("status", "Status", true, 12, c -> statusName(c.status())),
            column("portalAccess", "Portal Access", true, 8, Client::portalAccess),
            column("smsOtp", "SMS OTP", true, 8, Client::smsOtp),
            column("dropOffAccess", "Drop-off Access", true, 8, Client::dropOffAccess),
            column("invitedAt", "Invited At", false, 17, Client::invitedAt),
            column("lastInvitationError", "Last Invitation Error", false, 40, Client::lastInvitationError),
            column("registeredAt", "Registered At", false, 17, Client::registeredAt),
            column("spouseRegisteredAt", "Spouse Registered At", false, 17, Client::spouseRegisteredAt),
            column("lastSignInAt", "Last Sign-in At", false, 17, Client::lastSignInAt),
            column("createdAt", "Created At", false, 17, Client::createdAt),
            column("updatedAt", "Updated At", false, 17, Client::updatedAt));

    private BuiltInColumns() {
    }

    /** As the import template writes it. */
    static String typeName(ClientType type) {
        return type == ClientType.ENTITY ? "Entity" : "Individual";
    }

    static String statusName(RegistrationStatus status) {
        return switch (status) {
            case PENDING -> "Pending";
            case INVITED -> "Invited";
            case REGISTERED -> "Registered";
        };
    }

    private static Column column(String name, String label, boolean byDefault, int width,
            Function<Client, Object> value) {
        return new Column(name, label, byDefault, false, width, (c, context) -> value.apply(c));
    }

    private static Column spouseColumn(String name, String label, boolean byDefault, int width,
            Function<Spouse, Object> value) {
        return new Column(name, label, byDefault, false, width, (c, context) -> c.spouse() == null ? null
                : value.apply(c.spouse()));
    }
}
