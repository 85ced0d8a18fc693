package org.atrium.registry.internal;

import java.text.Normalizer;
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
    private static final String BROKEN_UNICODE = "contains a broken character (half of a UTF-16 surrogate pair); "
            + "type the text again.";
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
    /** The IRS's valid EIN prefixes ("How EINs are assigned and valid EIN prefixes"). */
    private static final java.util.Set<String> EIN_PREFIXES = java.util.Set.of("01", "02", "03", "04", "05", "06", "10",
            "11", "12", "13", "14", "15", "16", "20", "21", "22", "23", "24", "25", "26", "27", "30", "31", "32", "33",
            "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47", "48", "50", "51", "52",
            "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63", "64", "65", "66", "67", "68", "71", "72",
            "73", "74", "75", "76", "77", "80", "81", "82", "83", "84", "85", "86", "87", "88", "90", "91", "92", "93",
            "94", "95", "98", "99");
    private static final Pattern COUNTRY_CODE = Pattern.compile("\\d{1,3}");
    private static final Pattern MOBILE_NUMBER = Pattern.compile("\\d{4,15}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{Mn}+");

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
        return new ClientData(nfc(d.clientId()), d.type(), strip(d.name()), strip(d.email()), blankToNull(d.taxId()),
                d.dateOfBirth(), blankToNull(d.countryCode()), blankToNull(d.mobileNumber()), d.officeLocation(),
                d.marriedFilingJointly(), spouse, d.spouseSignsFirst(), d.portalAccess(), d.smsOtp(), d.dropOffAccess());
    }

    /** Stripped and in Unicode's composed form (NFC): "é" typed either way is one "é". */
    private static String strip(String s) {
        return s == null ? null : nfc(s.strip());
    }

    private static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /**
     * The form in which client IDs are compared (they are unique in it): compatibility-composed (NFKC), fully
     * case-folded (so "straße" is "STRASSE") and without accents (so "İD-1" is "ID-1"), because two IDs that a
     * person cannot tell apart must not name two clients.
     */
    public static String clientIdKey(String clientId) {
        if (clientId == null) {
            return null;
        }
        // upper then lower case: Java's full case mapping, which folds "ß" to "ss" as Unicode's case folding does
        String folded = Normalizer.normalize(clientId, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT);
        String withoutMarks = COMBINING_MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        return Normalizer.normalize(withoutMarks, Normalizer.Form.NFC);
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
        checkTaxId("taxId", data.taxId(), data.type() == ClientType.ENTITY, errors);
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
        checkTaxId("spouse.taxId", spouse.taxId(), false, errors);
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
        } else if (clientId.equals(".") || clientId.equals("..")) {
            // a browser or proxy resolves them away in a URL: /clients/.. is /clients
            errors.add(new FieldError("clientId", "Client ID must not be '.' or '..'."));
        } else if (brokenUnicode(clientId)) {
            errors.add(new FieldError("clientId", BROKEN_UNICODE));
        } else if (clientIdKey(clientId).length() > MAX_CLIENT_ID) {
            errors.add(new FieldError("clientId", "Client ID must be at most " + MAX_CLIENT_ID + " characters once its "
                    + "letters are compared without case (ß counts as ss)."));
        }
    }

    private static void checkName(String field, String label, String name, List<FieldError> errors) {
        if (isBlank(name)) {
            errors.add(new FieldError(field, label + " is required."));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError(field, label + " must be at most " + MAX_NAME + " characters."));
        } else if (CONTROL.matcher(name).find()) {
            errors.add(new FieldError(field, label + " must not contain control characters."));
        } else if (brokenUnicode(name)) {
            errors.add(new FieldError(field, BROKEN_UNICODE));
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

    private static void checkTaxId(String field, String taxId, boolean entity, List<FieldError> errors) {
        if (taxId == null) {
            return;
        }
        String problem = !TAX_ID.matcher(taxId).matches() ? "SSN/EIN must be exactly 9 digits, without dashes or spaces."
                : entity ? einProblem(taxId) : ssnOrItinProblem(taxId);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
    }

    /**
     * What makes nine digits no SSN and no ITIN: the SSA never issues area 000, 666 or 900-999, group 00 or
     * serial 0000; the IRS's ITINs start with 9 and have 50-65, 70-88, 90-92 or 94-99 as the 4th and 5th digits.
     */
    static String ssnOrItinProblem(String digits) {
        int area = Integer.parseInt(digits.substring(0, 3));
        int group = Integer.parseInt(digits.substring(3, 5));
        if (digits.endsWith("0000")) {
            return "No SSN or ITIN ends with 0000: check the number.";
        }
        if (area >= 900) {
            boolean itin = group >= 50 && group <= 65 || group >= 70 && group <= 88 || group >= 90 && group <= 92
                    || group >= 94;
            return itin ? null : "A number starting with 9 is an ITIN, whose 4th and 5th digits are 50-65, 70-88, "
                    + "90-92 or 94-99 (no SSN starts with 9): check the number.";
        }
        if (area == 0 || area == 666) {
            return "No SSN starts with 000 or 666: check the number.";
        }
        return group == 0 ? "No SSN has 00 as its 4th and 5th digits: check the number." : null;
    }

    /** An EIN starts with one of the prefixes the IRS assigns to its campuses and online applications. */
    static String einProblem(String digits) {
        return EIN_PREFIXES.contains(digits.substring(0, 2)) ? null : "No EIN starts with " + digits.substring(0, 2)
                + " (the IRS does not assign that prefix): check the number, or whether the client is an individual.";
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

    /** A lone half of a UTF-16 surrogate pair: no character at all, stored and exported as "?". */
    static boolean brokenUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
