package org.atrium.rest.internal;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.Spouse;
import org.atrium.rest.support.InvalidRequestException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /clients} and {@code PUT /clients/{clientId}}, and what a {@code PATCH} makes of the
 * client read and the patch. The read-only fields a GET returns are accepted and ignored, so a client read,
 * edited and sent back works as is; the masked tax ID sent back means "unchanged".
 *
 * @param version required on PUT: the version that was read
 */
@JsonIgnoreProperties(value = {"reference", "status", "createdAt", "updatedAt", "lastSignInAt", "invitedAt", "invitationExpiresAt",
    "lastInvitationError", "lastInvitationErrorAt", "registeredAt", "spouseRegisteredAt"}, allowSetters = false)
public record ClientInput(String clientId, ClientType type, String name, String email, String taxId,
        String dateOfBirth, String countryCode, String mobileNumber, Integer officeLocation,
        Boolean marriedFilingJointly, SpouseInput spouse, Boolean spouseSignsFirst, Boolean portalAccess,
        Boolean smsOtp, Boolean dropOffAccess, Long version) {

    public record SpouseInput(String name, String email, String taxId, String dateOfBirth, String countryCode,
            String mobileNumber) {
    }

    /**
     * What a PUT must send, as a GET answers it (a field left out would otherwise mean "erase"): every field of
     * this record but the client ID, which the path gives.
     */
    private static final List<String> REPLACED_FIELDS = fields(ClientInput.class).stream()
            .filter(field -> !field.equals("clientId")).toList();
    private static final List<String> SPOUSE_FIELDS = fields(SpouseInput.class);

    /**
     * The fields a replacing PUT body leaves out (the client ID may be left out: it is in the path); {@code null}
     * counts as given, it clears the field.
     */
    static List<FieldError> missingForReplace(JsonNode body) {
        List<FieldError> missing = new ArrayList<>();
        REPLACED_FIELDS.stream().filter(field -> !body.has(field)).forEach(field -> missing.add(new FieldError(field,
                "missing: a PUT replaces the whole client; send it (null clears it), or change some fields with PATCH.")));
        JsonNode spouse = body.get("spouse");
        if (spouse != null && spouse.isObject()) {
            SPOUSE_FIELDS.stream().filter(field -> !spouse.has(field)).forEach(field -> missing.add(new FieldError(
                    "spouse." + field, "missing: send it (null clears it), or change some fields with PATCH.")));
        }
        return missing;
    }

    /**
     * The register's input; {@code marriedFilingJointly} defaults to whether a spouse was given.
     *
     * @throws InvalidRequestException if a date is not an ISO date
     */
    ClientData toData() {
        List<FieldError> errors = new ArrayList<>();
        LocalDate dob = date("dateOfBirth", dateOfBirth, errors);
        Spouse spouseData = null;
        if (spouse != null) {
            spouseData = new Spouse(spouse.name(), spouse.email(), spouse.taxId(),
                    date("spouse.dateOfBirth", spouse.dateOfBirth(), errors), spouse.countryCode(), spouse.mobileNumber());
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.get(0).field() + ": " + errors.get(0).message(), errors);
        }
        boolean mfj = marriedFilingJointly != null ? marriedFilingJointly : spouse != null;
        return new ClientData(clientId, type, name, email, taxId, dob, countryCode, mobileNumber, officeLocation, mfj,
                spouseData, Boolean.TRUE.equals(spouseSignsFirst), portalAccess, smsOtp, dropOffAccess);
    }

    private static List<String> fields(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static LocalDate date(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Must be a real date written yyyy-mm-dd, e.g. 1980-04-15."));
            return null;
        }
    }
}
