package org.atrium.api.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExportRequestTest {

    @Test
    void columnNamesAsUsersWriteThem() {
        assertEquals(List.of("clientId", "name", "spouse.name"), ExportRequest.columnNames(" clientId, name,,spouse.name "));
        assertEquals(List.of(), ExportRequest.columnNames(null));
        assertEquals(List.of(), ExportRequest.columnNames(" , "));
    }
}
