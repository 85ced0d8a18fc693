package org.atrium.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvClientFileTest {

    static final String HEADER = String.join(",", ImportTemplate.HEADER);

    @TempDir
    Path folder;

    private List<CsvClientFile.Row> read(String content, Charset charset, boolean bom) throws Exception {
        byte[] text = content.getBytes(charset);
        byte[] bytes = text;
        if (bom) {
            bytes = new byte[text.length + 3];
            bytes[0] = (byte) 0xEF;
            bytes[1] = (byte) 0xBB;
            bytes[2] = (byte) 0xBF;
            System.arraycopy(text, 0, bytes, 3, text.length);
        }
        Path file = Files.write(folder.resolve("clients.csv"), bytes);
        try (CsvClientFile csv = CsvClientFile.open(file)) {
            assertEquals(ImportTemplate.HEADER, csv.header());
            List<CsvClientFile.Row> rows = new ArrayList<>();
            csv.rows().forEachRemaining(rows::add);
            return rows;
        }
    }

    @Test
    void namesLikeJoseNunezSurviveEveryWayExcelSavesThem() throws Exception {
        String content = HEADER + "\r\nIndividual,000123,José Núñez,jose@example.com,,,,,1,,,,,,,\r\n";
        for (List<CsvClientFile.Row> rows : List.of(read(content, StandardCharsets.UTF_8, true),
                read(content, StandardCharsets.UTF_8, false), read(content, CsvEncoding.WINDOWS_1252, false))) {
            assertEquals("José Núñez", rows.get(0).cells().get(2));
            assertEquals("000123", rows.get(0).cells().get(1), "leading zeros kept");
        }
    }

    @Test
    void quotedFieldsWithCommasAndLineBreaksAndTrailingEmptyLines() throws Exception {
        List<CsvClientFile.Row> rows = read(HEADER + "\nIndividual,1,\"Smith, Ann\",a@example.com,,,,,1,,,,,,,\n"
                + "Entity,2,\"ACME \"\"Holdings\"\"\nLLC\",b@example.com,,,,,1,,,,,,,\n\n\n", StandardCharsets.UTF_8, false);

        assertEquals(2, rows.size());
        assertEquals("Smith, Ann", rows.get(0).cells().get(2));
        assertEquals("ACME \"Holdings\"\nLLC", rows.get(1).cells().get(2));
        assertEquals(2, rows.get(0).number());
        assertEquals(3, rows.get(1).number(), "the row number a spreadsheet shows, whatever the line breaks");
    }

    @Test
    void anUnclosedQuoteIsReportedWithWhereReadingStopped() throws Exception {
        Path file = Files.writeString(folder.resolve("broken.csv"), HEADER + "\nIndividual,1,\"Ann,a@example.com\n");
        try (CsvClientFile csv = CsvClientFile.open(file)) {
            Iterator<CsvClientFile.Row> rows = csv.rows();
            UncheckedIOException broken = assertThrows(UncheckedIOException.class, () -> rows.forEachRemaining(r -> { }));
            assertTrue(broken.getMessage().startsWith("The file is not valid CSV after row 1"), broken.getMessage());
        }
    }
}
