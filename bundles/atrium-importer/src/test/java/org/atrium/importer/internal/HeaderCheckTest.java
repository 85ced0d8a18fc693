package org.atrium.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeaderCheckTest {

    private static List<String> messages(List<String> header) {
        return HeaderCheck.errors(header).stream().map(RowError::message).toList();
    }

    @Test
    void theTemplatesHeaderPassesAlsoWithEmptyTrailingCells() {
        List<String> header = new ArrayList<>(ImportTemplate.HEADER);
        assertEquals(List.of(), messages(header));
        header.add("");
        assertEquals(List.of(), messages(header));
    }

    @Test
    void aRenamedColumnIsNamedWithItsPosition() {
        List<String> header = new ArrayList<>(ImportTemplate.HEADER);
        header.set(2, "Full Name");
        assertEquals(List.of("The header's column 3 (C) is 'Full Name'; the template has 'Name' there. Columns must "
                + "not be added, removed, renamed or reordered."), messages(header));
    }

    @Test
    void aMissingAndAnAddedColumnAreBothReported() {
        List<String> removed = new ArrayList<>(ImportTemplate.HEADER.subList(0, 15));
        assertEquals(List.of("The header's column 16 (P) is empty; the template has 'Spouse Signs First' there."),
                messages(removed));
        List<String> added = new ArrayList<>(ImportTemplate.HEADER);
        added.add("Notes");
        assertEquals(List.of("The header has an extra column 17 (Q) 'Notes'; the template has 16 columns. Use the "
                + "template's header row as is."), messages(added));
    }

    @Test
    void theTemplateFileIsExactlyTheHeaderRow() {
        assertEquals("Client Type,Client ID,Name,Email Address,SSN/EIN,Date of Birth,Country Code,Mobile Number,"
                + "Office Location,Spouse Name,Spouse Email Address,Spouse SSN,Spouse Date of Birth,Spouse Country Code,"
                + "Spouse Mobile Number,Spouse Signs First\r\n", ImportTemplate.content());
    }

    @Test
    void anInvisibleCharacterInAHeadingIsShown() {
        List<String> header = new ArrayList<>(ImportTemplate.HEADER);
        header.set(1, "Client ID\u200B");
        assertEquals(List.of("The header's column 2 (B) is 'Client ID<U+200B>'; the template has 'Client ID' there. "
                + "Columns must not be added, removed, renamed or reordered."), messages(header));
    }
}
