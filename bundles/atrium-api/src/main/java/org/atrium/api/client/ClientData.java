package org.atrium.api.client;

import java.time.LocalDate;

/**
 * What a user may set on a client: the input to {@link ClientRegister#create} and
 * {@link ClientRegister#update}, from REST or a CSV row alike. A {@code null} means "not given": required
 * fields are then reported missing; the three access flags take their defaults on create (portal access
 * on, SMS OTP off, drop-off off) and keep their stored value on update.
 *
 * @param taxId SSN or EIN, 9 digits
 * @param officeLocation the number of an existing office location
 * @param spouse required when {@code marriedFilingJointly}, not allowed otherwise
 */
public record ClientData(String clientId, ClientType type, String name, String email, String taxId,
        LocalDate dateOfBirth, String countryCode, String mobileNumber, Integer officeLocation,
        boolean marriedFilingJointly, Spouse spouse, boolean spouseSignsFirst, Boolean portalAccess,
        Boolean smsOtp, Boolean dropOffAccess) {

    /** The editable data of a stored client, for an update that changes only some fields. */
    public static ClientData of(Client client) {
        return new ClientData(client.clientId(), client.type(), client.name(), client.email(), client.taxId(),
                client.dateOfBirth(), client.countryCode(), client.mobileNumber(), client.officeLocation(),
                client.marriedFilingJointly(), client.spouse(), client.spouseSignsFirst(), client.portalAccess(),
                client.smsOtp(), client.dropOffAccess());
    }

    @Override
    public String toString() {
        return "ClientData[clientId=" + clientId + ", type=" + type + ", name=" + name + ", taxId="
                + (type == null ? ClientType.INDIVIDUAL : type).maskTaxId(taxId) + ", officeLocation="
                + officeLocation + ", spouse=" + spouse + "]";
    }
}
