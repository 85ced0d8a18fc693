package org.atrium.importer.internal;

import static org.atrium.importer.internal.ImportTemplate.CLIENT_ID;
import static org.atrium.importer.internal.ImportTemplate.CLIENT_TYPE;
import static org.atrium.importer.internal.ImportTemplate.COUNTRY_CODE;
import static org.atrium.importer.internal.ImportTemplate.DATE_OF_BIRTH;
import static org.atrium.importer.internal.ImportTemplate.EMAIL;
import static org.atrium.importer.internal.ImportTemplate.MOBILE_NUMBER;
import static org.atrium.importer.internal.ImportTemplate.NAME;
import static org.atrium.importer.internal.ImportTemplate.OFFICE_LOCATION;
import static org.atrium.importer.internal.ImportTemplate.SPOUSE_COUNTRY_CODE;
import static org.atrium.importer.internal.ImportTemplate.SPOUSE_DATE_OF_BIRTH;
import static org.atrium.importer.internal.ImportTemplate.SPOUSE_EMAIL;
import static org.atrium.importer.internal.ImportTemplate.SPOUSE_MOBILE_NUMBER;
import static org.atrium.importer.internal.ImportTemplate.SPOUSE_NAME;
import static org.atrium.importer.internal.ImportTemplate.SPOUSE_SIGNS_FIRST;
import static org.atrium.importer.internal.ImportTemplate.SPOUSE_TAX_ID;
import static org.atrium.importer.internal.ImportTemplate.TAX_ID;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.Spouse;
import org.atrium.text.FormulaGuard;

/**
 * One CSV row to {@link ClientData}, with the checks that belong to the file format (exact client type,
 * digits only, mm/dd/yyyy dates, Yes/No). The client rules themselves (required fields, lengths, email
 * syntax, past dates, offices...) are the register's, through {@code ClientRegister.validate}; their
 * field errors are named by template column with {@link #column}.
 */
final class CsvRowMapper {

    /** Longer cells are refused before any other check: no column of the template needs more. */
    static final int MAX_CELL = 1_000;

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern TAX_ID_DIGITS = Pattern.compile("\\d{9}");
    /** As an export writes a stored tax ID: it keeps that stored one (the register checks it is that one). */
    private static final Pattern MASKED_TAX_ID = Pattern.compile("XXX-XX-\\d{4}|XX-XXX\\d{4}");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    /** Register field names to template columns. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("clientId", CLIENT_ID),
            Map.entry("type", CLIENT_TYPE), Map.entry("name", NAME), Map.entry("email", EMAIL),
            Map.entry("taxId", TAX_ID), Map.entry("dateOfBirth", DATE_OF_BIRTH),
            Map.entry("countryCode", COUNTRY_CODE), Map.entry("mobileNumber", MOBILE_NUMBER),
            Map.entry("officeLocation", OFFICE_LOCATION), Map.entry("spouse", SPOUSE_NAME),
            Map.entry("spouse.name", SPOUSE_NAME), Map.entry("spouse.email", SPOUSE_EMAIL),
            Map.entry("spouse.taxId", SPOUSE_TAX_ID), Map.entry("spouse.dateOfBirth", SPOUSE_DATE_OF_BIRTH),
            Map.entry("spouse.countryCode", SPOUSE_COUNTRY_CODE),
            Map.entry("spouse.mobileNumber", SPOUSE_MOBILE_NUMBER), Map.entry("spouseSignsFirst", SPOUSE_SIGNS_FIRST),
            // a client who signs in by SMS cannot lose the mobile number in a bulk edit
            Map.entry("smsOtp", MOBILE_NUMBER));

    /** The row as client data, or the reasons it cannot be read. */
    record Mapped(ClientData data, List<RowError> errors) {
    }

    private CsvRowMapper() {
    }

    static String column(FieldError error) {
        return column(error.field());
    }

    /** The template column of a register field name, e.g. "Spouse Email Address" for spouse.email. */
    static String column(String field) {
        return COLUMNS.getOrDefault(field, "");
    }

    static Mapped map(long row, List<String> cells) {
        String clientId = cell(cells, 1).strip();
        List<RowError> errors = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (i >= ImportTemplate.HEADER.size() && !cells.get(i).isBlank()) {
                errors.add(new RowError(row, clientId, "", "There is text in column " + (i + 1) + " ("
                        + HeaderCheck.columnLetter(i) + "), beyond the template's " + ImportTemplate.HEADER.size()
                        + " columns."));
                break;
            }
            if (cells.get(i).length() > MAX_CELL) {
                errors.add(new RowError(row, clientId, i < ImportTemplate.HEADER.size() ? ImportTemplate.HEADER.get(i)
                        : "", "The cell is longer than " + MAX_CELL + " characters."));
            }
        }
        if (!errors.isEmpty()) {
            return new Mapped(null, errors);
        }
        Reader reader = new Reader(row, clientId, cells, errors);
        ClientType type = reader.type();
        String taxId = reader.taxId(TAX_ID, 4);
        LocalDate dateOfBirth = reader.date(DATE_OF_BIRTH, 5);
        String countryCode = reader.digits(COUNTRY_CODE, 6);
        String mobile = reader.digits(MOBILE_NUMBER, 7);
        Integer office = reader.office();
        String spouseName = reader.text(9);
        String spouseEmail = reader.text(10);
        String spouseTaxId = reader.taxId(SPOUSE_TAX_ID, 11);
        LocalDate spouseDateOfBirth = reader.date(SPOUSE_DATE_OF_BIRTH, 12);
        String spouseCountryCode = reader.digits(SPOUSE_COUNTRY_CODE, 13);
        String spouseMobile = reader.digits(SPOUSE_MOBILE_NUMBER, 14);
        Boolean signsFirst = reader.yesNo();
        boolean marriedFilingJointly = spouseName != null || spouseEmail != null;
        if (!marriedFilingJointly && (spouseTaxId != null || spouseDateOfBirth != null || spouseCountryCode != null
                || spouseMobile != null || Boolean.TRUE.equals(signsFirst))) {
            errors.add(new RowError(row, clientId, SPOUSE_NAME, "Spouse columns are filled in but Spouse Name and "
                    + "Spouse Email Address are empty: give the spouse's name and email, or leave every spouse "
                    + "column empty."));
        }
        if (!errors.isEmpty()) {
            return new Mapped(null, errors);
        }
        Spouse spouse = marriedFilingJointly ? new Spouse(spouseName, spouseEmail, spouseTaxId, spouseDateOfBirth,
                spouseCountryCode, spouseMobile) : null;
        return new Mapped(new ClientData(clientId.isEmpty() ? null : clientId, type, reader.text(2), reader.text(3),
                taxId, dateOfBirth, countryCode, mobile, office, marriedFilingJointly, spouse,
                Boolean.TRUE.equals(signsFirst), null, null, null), List.of());
    }

    /** The cell as the user wrote it: the apostrophe an export put before formula-like text is taken off. */
    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? FormulaGuard.restore(cells.get(index)) : "";
    }

    /** Reads the cells of one row, collecting every format problem. */
    private record Reader(long row, String clientId, List<String> cells, List<RowError> errors) {

        /** The stripped cell, or {@code null} when empty. */
        String text(int index) {
            String value = cell(cells, index).strip();
            return value.isEmpty() ? null : value;
        }

        ClientType type() {
            String raw = cell(cells, 0);
            if (raw.isBlank()) {
                return null; // reported as required by the client rules
            }
            if (raw.equals("Individual")) {
                return ClientType.INDIVIDUAL;
            }
            if (raw.equals("Entity")) {
                return ClientType.ENTITY;
            }
            error(CLIENT_TYPE, raw.strip().equals("Individual") || raw.strip().equals("Entity")
                    ? "Client Type must be exactly Individual or Entity, without spaces around it."
                    : "Client Type must be Individual or Entity, not '" + raw + "'.");
            return null;
        }

        String taxId(String column, int index) {
            String value = text(index);
            if (value != null && !TAX_ID_DIGITS.matcher(value).matches() && !MASKED_TAX_ID.matcher(value).matches()) {
                error(column, column + " must be 9 digits without dashes or spaces (e.g. 123456789), or the masked "
                        + "number of an export (XXX-XX-6789), which keeps the stored one.");
                return null;
            }
            return value;
        }

        LocalDate date(String column, int index) {
            String value = text(index);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value, US_DATE);
            } catch (DateTimeParseException e) {
                error(column, column + " must be a real date written mm/dd/yyyy (e.g. 04/15/1980), not '" + value
                        + "'.");
                return null;
            }
        }

        String digits(String column, int index) {
            String value = text(index);
            if (value != null && !DIGITS.matcher(value).matches()) {
                error(column, column + " must contain digits only, not '" + value + "'.");
                return null;
            }
            return value;
        }

        Integer office() {
            String value = text(8);
            if (value == null) {
                return null; // reported as required by the client rules
            }
            if (!DIGITS.matcher(value).matches() || value.length() > 9) {
                error(OFFICE_LOCATION, "Office Location must be an office location number (e.g. 1), not '" + value
                        + "'.");
                return null;
            }
            return Integer.valueOf(value);
        }

        Boolean yesNo() {
            String value = text(15);
            if (value == null) {
                return null;
            }
            if (value.equalsIgnoreCase("Yes")) {
                return true;
            }
            if (value.equalsIgnoreCase("No")) {
                return false;
            }
            error(SPOUSE_SIGNS_FIRST, "Spouse Signs First must be Yes, No or empty, not '" + value + "'.");
            return null;
        }

        private void error(String column, String message) {
            errors.add(new RowError(row, clientId, column, message));
        }
    }
}
