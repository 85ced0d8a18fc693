package org.atrium.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvEncodingTest {

    @TempDir
    Path folder;

    private Path file(byte[] content) throws Exception {
        return Files.write(folder.resolve("clients.csv"), content);
    }

    @Test
    void excelsCsvUtf8HasAByteOrderMark() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "José Núñez".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, content, 0, 3);
        System.arraycopy(text, 0, content, 3, text.length);

        assertEquals(new CsvEncoding(StandardCharsets.UTF_8, 3), CsvEncoding.of(file(content)));
    }

    @Test
    void utf8WithoutAByteOrderMarkIsRecognised() throws Exception {
        assertEquals(new CsvEncoding(StandardCharsets.UTF_8, 0),
                CsvEncoding.of(file("Name\nJosé Núñez\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void excelsCommaDelimitedCsvIsWindows1252() throws Exception {
        assertEquals(new CsvEncoding(CsvEncoding.WINDOWS_1252, 0),
                CsvEncoding.of(file("Name\nJosé Núñez\n".getBytes(CsvEncoding.WINDOWS_1252))));
    }

    @Test
    void aMultiByteCharacterAcrossTheReadBlocksIsStillUtf8() throws Exception {
        String text = "a".repeat(32 * 1024 - 1) + "é" + "b".repeat(10);
        assertEquals(StandardCharsets.UTF_8, CsvEncoding.of(file(text.getBytes(StandardCharsets.UTF_8))).charset());
    }

    @Test
    void utf16WithAByteOrderMarkIsRead() throws Exception {
        byte[] text = "Client Type,Name\r\nIndividual,José\r\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] le = new byte[text.length + 2];
        le[0] = (byte) 0xFF;
        le[1] = (byte) 0xFE;
        System.arraycopy(text, 0, le, 2, text.length);
        assertEquals(new CsvEncoding(StandardCharsets.UTF_16LE, 2), CsvEncoding.of(file(le)));
        byte[] be = "x".getBytes(StandardCharsets.UTF_16BE);
        assertEquals(new CsvEncoding(StandardCharsets.UTF_16BE, 2), CsvEncoding.of(file(new byte[] {(byte) 0xFE,
            (byte) 0xFF, be[0], be[1]})));
    }
}
