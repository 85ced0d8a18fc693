package org.atrium.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.FieldError;
import org.junit.jupiter.api.Test;

class CsvRowMapperTest {

    /** A valid individual row; {@code set} changes one cell. */
    private static List<String> row(String... overrides) {
        List<String> cells = new ArrayList<>(Arrays.asList("Individual", "000123", "Ann Smith", "ann@example.com",
                "123456789", "04/15/1980", "1", "5551234567", "1", "", "", "", "", "", "", ""));
        for (int i = 0; i < overrides.length; i += 2) {
            cells.set(ImportTemplate.HEADER.indexOf(overrides[i]), overrides[i + 1]);
        }
        return cells;
    }

    private static List<String> messages(CsvRowMapper.Mapped mapped) {
        return mapped.errors().stream().map(e -> e.column() + ": " + e.message()).toList();
    }

    @Test
    void whatAnExportWroteComesBackAsItWas() {
        ClientData data = CsvRowMapper.map(2, row(ImportTemplate.CLIENT_ID, "'-00123", ImportTemplate.TAX_ID,
                "XXX-XX-6789", ImportTemplate.NAME, "'=Ann")).data();
        assertEquals("-00123", data.clientId(), "the apostrophe the export put before a formula-like ID is taken off");
        assertEquals("=Ann", data.name());
        assertEquals("XXX-XX-6789", data.taxId(), "a masked number goes to the register, which keeps the stored one");
        assertEquals("'Ann", CsvRowMapper.map(2, row(ImportTemplate.NAME, "'Ann")).data().name(),
                "an apostrophe before ordinary text is the user's own");
    }

    @Test
    void aValidRowBecomesClientDataKeepingLeadingZeros() {
        ClientData data = CsvRowMapper.map(2, row()).data();

        assertEquals("000123", data.clientId());
        assertEquals(ClientType.INDIVIDUAL, data.type());
        assertEquals("123456789", data.taxId());
        assertEquals(LocalDate.of(1980, 4, 15), data.dateOfBirth());
        assertEquals(1, data.officeLocation());
        assertEquals(false, data.marriedFilingJointly());
        assertNull(data.portalAccess(), "an import leaves the access flags as they are");
    }

    @Test
    void aSpouseNameOrEmailMakesTheRowMarriedFilingJointly() {
        ClientData data = CsvRowMapper.map(2, row(ImportTemplate.SPOUSE_NAME, "Bob Smith", ImportTemplate.SPOUSE_EMAIL,
                "bob@example.com", ImportTemplate.SPOUSE_TAX_ID, "987654321", ImportTemplate.SPOUSE_SIGNS_FIRST, "Yes"))
                .data();

        assertTrue(data.marriedFilingJointly());
        assertEquals("Bob Smith", data.spouse().name());
        assertEquals("987654321", data.spouse().taxId());
        assertTrue(data.spouseSignsFirst());
    }

    @Test
    void theClientTypeMustBeExact() {
        assertEquals(List.of("Client Type: Client Type must be exactly Individual or Entity, without spaces around it."),
                messages(CsvRowMapper.map(2, row(ImportTemplate.CLIENT_TYPE, " Individual"))));
        assertEquals(List.of("Client Type: Client Type must be Individual or Entity, not 'individual'."),
                messages(CsvRowMapper.map(2, row(ImportTemplate.CLIENT_TYPE, "individual"))));
    }

    @Test
    void everyFormatProblemOfARowIsReportedAtOnce() {
        CsvRowMapper.Mapped mapped = CsvRowMapper.map(7, row(ImportTemplate.TAX_ID, "123-45-6789",
                ImportTemplate.DATE_OF_BIRTH, "1980-04-15", ImportTemplate.MOBILE_NUMBER, "(555) 123",
                ImportTemplate.OFFICE_LOCATION, "Main", ImportTemplate.SPOUSE_SIGNS_FIRST, "Maybe"));

        assertEquals(List.of(
                "SSN/EIN: SSN/EIN must be 9 digits without dashes or spaces (e.g. 123456789), or the masked number of "
                        + "an export (XXX-XX-6789), which keeps the stored one.",
                "Date of Birth: Date of Birth must be a real date written mm/dd/yyyy (e.g. 04/15/1980), not '1980-04-15'.",
                "Mobile Number: Mobile Number must contain digits only, not '(555) 123'.",
                "Office Location: Office Location must be an office location number (e.g. 1), not 'Main'.",
                "Spouse Signs First: Spouse Signs First must be Yes, No or empty, not 'Maybe'."), messages(mapped));
        assertEquals(7, mapped.errors().get(0).row());
        assertEquals("000123", mapped.errors().get(0).clientId());
    }

    @Test
    void spouseDetailsWithoutASpouseAreRefused() {
        assertEquals(List.of("Spouse Name: Spouse columns are filled in but Spouse Name and Spouse Email Address are "
                + "empty: give the spouse's name and email, or leave every spouse column empty."),
                messages(CsvRowMapper.map(2, row(ImportTemplate.SPOUSE_TAX_ID, "987654321"))));
    }

    @Test
    void anImpossibleDateIsRefused() {
        assertEquals(List.of("Date of Birth: Date of Birth must be a real date written mm/dd/yyyy (e.g. 04/15/1980), "
                + "not '02/30/1980'."), messages(CsvRowMapper.map(2, row(ImportTemplate.DATE_OF_BIRTH, "02/30/1980"))));
        assertEquals(LocalDate.of(1980, 4, 5), CsvRowMapper.map(2, row(ImportTemplate.DATE_OF_BIRTH, "4/5/1980"))
                .data().dateOfBirth(), "Excel writes 4/5/1980");
    }

    @Test
    void textBeyondTheTemplateIsRefusedButEmptyTrailingCellsAreNot() {
        List<String> extra = new ArrayList<>(row());
        extra.add("");
        assertEquals(List.of(), CsvRowMapper.map(2, extra).errors());
        extra.add("note");
        assertEquals(List.of(": There is text in column 18 (R), beyond the template's 16 columns."),
                messages(CsvRowMapper.map(2, extra)));
    }

    @Test
    void anOverlongCellIsRefusedFirst() {
        assertEquals(List.of("Name: The cell is longer than 1000 characters."),
                messages(CsvRowMapper.map(2, row(ImportTemplate.NAME, "x".repeat(1001)))));
    }

    @Test
    void theRegistersFieldNamesMapToTemplateColumns() {
        assertEquals("Spouse Email Address", CsvRowMapper.column(new FieldError("spouse.email", "taken")));
        assertEquals("Office Location", CsvRowMapper.column(new FieldError("officeLocation", "not yours")));
        assertEquals("", CsvRowMapper.column(new FieldError("*", "race")));
    }
}
