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
            column("clientId", "Client ID", true, Client::clientId),
            column("type", "Client Type", true, c -> typeName(c.type())),
            column("name", "Name", true, Client::name),
            column("email", "Email Address", true, Client::email),
            new Column("taxId", "SSN/EIN", true, true,
                    (c, context) -> context.revealTaxIds() ? c.taxId() : c.maskedTaxId()),
            column("dateOfBirth", "Date of Birth", false, Client::dateOfBirth),
            column("countryCode", "Country Code", false, Client::countryCode),
            column("mobileNumber", "Mobile Number", false, Client::mobileNumber),
            column("officeLocation", "Office Location", true, Client::officeLocation),
            new Column("officeLocationName", "Office Location Name", false, false,
                    (c, context) -> context.officeNames().get(c.officeLocation())),
            column("marriedFilingJointly", "Married Filing Jointly", false, Client::marriedFilingJointly),
            spouseColumn("spouse.name", "Spouse Name", true, Spouse::name),
            spouseColumn("spouse.email", "Spouse Email Address", false, Spouse::email),
            new Column("spouse.taxId", "Spouse SSN", false, true,
                    (c, context) -> c.spouse() == null ? null
                            : context.revealTaxIds() ? c.spouse().taxId() : c.spouse().maskedTaxId()),
            spouseColumn("spouse.dateOfBirth", "Spouse Date of Birth", false, Spouse::dateOfBirth),
            spouseColumn("spouse.countryCode", "Spouse Country Code", false, Spouse::countryCode),
            spouseColumn("spouse.mobileNumber", "Spouse Mobile Number", false, Spouse::mobileNumber),
            new Column("spouseSignsFirst", "Spouse Signs First", false, false,
                    (c, context) -> c.marriedFilingJointly() ? c.spouseSignsFirst() : null),
            column("status", "Status", true, c -> statusName(c.status())),
            column("portalAccess", "Portal Access", true, Client::portalAccess),
            column("smsOtp", "SMS OTP", true, Client::smsOtp),
            column("dropOffAccess", "Drop-off Access", true, Client::dropOffAccess),
            column("invitedAt", "Invited At", false, Client::invitedAt),
            column("lastInvitationError", "Last Invitation Error", false, Client::lastInvitationError),
            column("createdAt", "Created At", false, Client::createdAt),
            column("updatedAt", "Updated At", false, Client::updatedAt));

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

    private static Column column(String name, String label, boolean byDefault, Function<Client, Object> value) {
        return new Column(name, label, byDefault, false, (c, context) -> value.apply(c));
    }

    private static Column spouseColumn(String name, String label, boolean byDefault, Function<Spouse, Object> value) {
        return new Column(name, label, byDefault, false, (c, context) -> c.spouse() == null ? null
                : value.apply(c.spouse()));
    }
}
