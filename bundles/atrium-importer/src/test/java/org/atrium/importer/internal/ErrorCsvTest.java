package org.atrium.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorCsvTest {

    @TempDir
    Path folder;

    @Test
    void oneLinePerProblemWithABomForExcelAndTheCapStated() throws Exception {
        Path file = folder.resolve("errors.csv");

        ErrorCsv.write(file, List.of(new RowError(5, "0042", "Name", "Name is required."),
                new RowError(9, "=cmd|' /C calc'!A0", "Email Address", "Not an email, \"really\".")), true, 2);

        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0xEF, bytes[0] & 0xff);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertEquals(List.of("Row,Client ID,Column,Message", "5,0042,Name,Name is required.",
                "9,'=cmd|' /C calc'!A0,Email Address,\"Not an email, \"\"really\"\".\"",
                "\"\",,,There are more problems: only the first 2 are listed. Fix these and upload the file again "
                        + "to see the rest."), text.lines().toList());
    }

    @Test
    void aNulByteOfTheFileIsWrittenOutNotEchoed() throws Exception {
        Path file = folder.resolve("nul.csv");
        ErrorCsv.write(file, List.of(new RowError(3, "A\u0000B", "Client Type",
                "Client Type must be Individual or Entity, not 'X\u0000'.")), false, 10);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("\u0000"), "no raw NUL byte");
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("3,A<U+0000>B,Client Type,\"Client Type must be "
                + "Individual or Entity, not 'X<U+0000>'.\""), text);
    }
}
