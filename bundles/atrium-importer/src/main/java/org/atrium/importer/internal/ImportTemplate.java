package org.atrium.importer.internal;

import java.util.List;

/**
 * The CSV template: a public contract that firms' spreadsheets depend on. Never add, remove, rename or
 * reorder a column without a new template version.
 */
final class ImportTemplate {

    static final String CLIENT_TYPE = "Client Type";
    static final String CLIENT_ID = "Client ID";
    static final String NAME = "Name";
    static final String EMAIL = "Email Address";
    static final String TAX_ID = "SSN/EIN";
    static final String DATE_OF_BIRTH = "Date of Birth";
    static final String COUNTRY_CODE = "Country Code";
    static final String MOBILE_NUMBER = "Mobile Number";
    static final String OFFICE_LOCATION = "Office Location";
    static final String SPOUSE_NAME = "Spouse Name";
    static final String SPOUSE_EMAIL = "Spouse Email Address";
    static final String SPOUSE_TAX_ID = "Spouse SSN";
    static final String SPOUSE_DATE_OF_BIRTH = "Spouse Date of Birth";
    static final String SPOUSE_COUNTRY_CODE = "Spouse Country Code";
    static final String SPOUSE_MOBILE_NUMBER = "Spouse Mobile Number";
    static final String SPOUSE_SIGNS_FIRST = "Spouse Signs First";

    static final List<String> HEADER = List.of(CLIENT_TYPE, CLIENT_ID, NAME, EMAIL, TAX_ID, DATE_OF_BIRTH,
            COUNTRY_CODE, MOBILE_NUMBER, OFFICE_LOCATION, SPOUSE_NAME, SPOUSE_EMAIL, SPOUSE_TAX_ID,
            SPOUSE_DATE_OF_BIRTH, SPOUSE_COUNTRY_CODE, SPOUSE_MOBILE_NUMBER, SPOUSE_SIGNS_FIRST);

    /** The template file's content: the header row, CRLF as spreadsheet programs write it. */
    static String content() {
        return String.join(",", HEADER) + "\r\n";
    }

    private ImportTemplate() {
    }
}
