package org.atrium.registry.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.Spouse;

/**
 * The client rules that need no database: presence, formats, lengths and the rules between fields. The
 * register adds the rules that do (office exists, client ID and emails not taken). REST and CSV import
 * both reach these through {@link org.atrium.api.client.ClientRegister}, so there is one copy.
 */
public final class ClientRules {

    public static final int MAX_CLIENT_ID = 40;
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    /** Printable text without slashes (the client ID is a URL path segment) and without control characters. */
    private static final Pattern CLIENT_ID = Pattern.compile("[^/\\\\\\p{Cntrl}]+");
    /** The WHATWG "valid e-mail address", with at least one dot in the domain so that mail can be delivered. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern TAX_ID = Pattern.compile("\\d{9}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("\\d{1,3}");
    private static final Pattern MOBILE_NUMBER = Pattern.compile("\\d{4,15}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private ClientRules() {
    }

    /**
     * The data as it is checked and stored: names and emails without surrounding spaces, and blank optional
     * fields (tax ID, phone) as absent, since spreadsheets and forms send empty text for "none".
     */
    public static ClientData normalize(ClientData d) {
        Spouse s = d.spouse();
        Spouse spouse = s == null ? null
                : new Spouse(strip(s.name()), strip(s.email()), blankToNull(s.taxId()), s.dateOfBirth(),
                        blankToNull(s.countryCode()), blankToNull(s.mobileNumber()));
        return new ClientData(d.clientId(), d.type(), strip(d.name()), strip(d.email()), blankToNull(d.taxId()),
                d.dateOfBirth(), blankToNull(d.countryCode()), blankToNull(d.mobileNumber()), d.officeLocation(),
                d.marriedFilingJointly(), spouse, d.spouseSignsFirst(), d.portalAccess(), d.smsOtp(), d.dropOffAccess());
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s.strip();
    }

    /** Every broken rule of {@code data} (normalized), judged on {@code today}; empty if none. */
    public static List<FieldError> check(ClientData data, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        checkClientId(data.clientId(), errors);
        if (data.type() == null) {
            errors.add(new FieldError("type", "Client type is required: INDIVIDUAL or ENTITY."));
        }
        checkName("name", "Name", data.name(), errors);
        checkEmail("email", "Email", data.email(), true, errors);
        checkTaxId("taxId", data.taxId(), errors);
        checkBirthDate("dateOfBirth", data.dateOfBirth(), today, errors);
        checkPhone("countryCode", "mobileNumber", data.countryCode(), data.mobileNumber(), errors);
        if (data.officeLocation() == null) {
            errors.add(new FieldError("officeLocation", "Office location is required."));
        } else if (data.officeLocation() <= 0) {
            errors.add(new FieldError("officeLocation", "Office location must be a positive location number."));
        }
        checkSpouse(data, today, errors);
        if (Boolean.TRUE.equals(data.smsOtp()) && !hasMobile(data.countryCode(), data.mobileNumber())) {
            errors.add(smsOtpNeedsMobile());
        }
        return errors;
    }

    /** A client ID held by another client, or by a client the actor may not see (who is none of their business). */
    public static FieldError clientIdTaken(String clientId) {
        return new FieldError("clientId", "Client ID '" + clientId + "' is already in use.");
    }

    public static FieldError smsOtpNeedsMobile() {
        return new FieldError("smsOtp", "SMS OTP needs a mobile number with its country code.");
    }

    public static boolean hasMobile(String countryCode, String mobileNumber) {
        return !isBlank(countryCode) && !isBlank(mobileNumber);
    }

    /** The form in which emails are compared: emails are unique among all people, ignoring case. */
    public static String emailKey(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private static void checkSpouse(ClientData data, LocalDate today, List<FieldError> errors) {
        Spouse spouse = data.spouse();
        if (!data.marriedFilingJointly()) {
            if (spouse != null) {
                errors.add(new FieldError("spouse", "A spouse can only be given for married filing jointly."));
            }
            if (data.spouseSignsFirst()) {
                errors.add(new FieldError("spouseSignsFirst", "Spouse signs first applies only to married filing jointly."));
            }
            return;
        }
        if (data.type() == ClientType.ENTITY) {
            errors.add(new FieldError("marriedFilingJointly", "Only individuals can be married filing jointly."));
        }
        if (spouse == null) {
            errors.add(new FieldError("spouse.name", "Spouse name is required for married filing jointly."));
            errors.add(new FieldError("spouse.email", "Spouse email is required for married filing jointly."));
            return;
        }
        checkName("spouse.name", "Spouse name", spouse.name(), errors);
        checkEmail("spouse.email", "Spouse email", spouse.email(), true, errors);
        checkTaxId("spouse.taxId", spouse.taxId(), errors);
        checkBirthDate("spouse.dateOfBirth", spouse.dateOfBirth(), today, errors);
        checkPhone("spouse.countryCode", "spouse.mobileNumber", spouse.countryCode(), spouse.mobileNumber(), errors);
        if (!isBlank(data.email()) && !isBlank(spouse.email())
                && emailKey(data.email()).equals(emailKey(spouse.email()))) {
            errors.add(new FieldError("spouse.email", "Spouse email must differ from the taxpayer's email."));
        }
    }

    private static void checkClientId(String clientId, List<FieldError> errors) {
        if (isBlank(clientId)) {
            errors.add(new FieldError("clientId", "Client ID is required."));
        } else if (clientId.length() > MAX_CLIENT_ID) {
            errors.add(new FieldError("clientId", "Client ID must be at most " + MAX_CLIENT_ID + " characters."));
        } else if (!clientId.equals(clientId.strip())) {
            errors.add(new FieldError("clientId", "Client ID must not start or end with spaces."));
        } else if (!CLIENT_ID.matcher(clientId).matches()) {
            errors.add(new FieldError("clientId", "Client ID must not contain slashes, backslashes or control characters."));
        }
    }

    private static void checkName(String field, String label, String name, List<FieldError> errors) {
        if (isBlank(name)) {
            errors.add(new FieldError(field, label + " is required."));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError(field, label + " must be at most " + MAX_NAME + " characters."));
        } else if (CONTROL.matcher(name).find()) {
            errors.add(new FieldError(field, label + " must not contain control characters."));
        }
    }

    static void checkEmail(String field, String label, String email, boolean required, List<FieldError> errors) {
        if (isBlank(email)) {
            if (required) {
                errors.add(new FieldError(field, label + " is required."));
            }
        } else if (email.length() > MAX_EMAIL) {
            errors.add(new FieldError(field, label + " must be at most " + MAX_EMAIL + " characters."));
        } else if (!EMAIL.matcher(email).matches() || email.contains("..")) {
            errors.add(new FieldError(field, label + " is not a valid email address (expected name@example.com)."));
        }
    }

    private static void checkTaxId(String field, String taxId, List<FieldError> errors) {
        if (taxId != null && !TAX_ID.matcher(taxId).matches()) {
            errors.add(new FieldError(field, "SSN/EIN must be exactly 9 digits, without dashes or spaces."));
        }
    }

    private static void checkBirthDate(String field, LocalDate date, LocalDate today, List<FieldError> errors) {
        if (date == null) {
            return;
        }
        if (!date.isBefore(today)) {
            errors.add(new FieldError(field, "Date of birth must be in the past."));
        } else if (date.isBefore(EARLIEST_BIRTH_DATE)) {
            errors.add(new FieldError(field, "Date of birth must not be before 01/01/1900."));
        }
    }

    private static void checkPhone(String ccField, String mobileField, String countryCode, String mobile,
            List<FieldError> errors) {
        if (countryCode != null && !COUNTRY_CODE.matcher(countryCode).matches()) {
            errors.add(new FieldError(ccField, "Country code must be 1 to 3 digits."));
        }
        if (mobile != null && !MOBILE_NUMBER.matcher(mobile).matches()) {
            errors.add(new FieldError(mobileField, "Mobile number must be 4 to 15 digits."));
        }
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
