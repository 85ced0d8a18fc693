package org.atrium.exporter.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

class CsvSheetWriterTest {

    @Test
    void theImportTemplatesFormatsWithAByteOrderMarkAndCrlf() throws IOException {
        byte[] bytes = write(List.of("Client ID", "Name", "Date of Birth", "Portal Access", "Office Location",
                "Created At", "Spouse Name"),
                new Object[] {"00042", "José Núñez, Jr.", LocalDate.of(1980, 2, 3), true, 7,
                        Instant.parse("2026-11-23T15:30:00Z"), null});

        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        assertEquals("Client ID,Name,Date of Birth,Portal Access,Office Location,Created At,Spouse Name\r\n"
                + "00042,\"José Núñez, Jr.\",02/03/1980,Yes,7,11/23/2026 10:30,\r\n",
                new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
    }

    @Test
    void textThatLooksLikeAFormulaGetsAnApostrophe() throws IOException {
        byte[] bytes = write(List.of("Name", "Email Address"),
                new Object[] {"=HYPERLINK(\"http://evil.example\")", "@x"}, new Object[] {"+1", "-1"},
                new Object[] {"\t=1", "Ann"});

        assertEquals("Name,Email Address\r\n"
                + "\"'=HYPERLINK(\"\"http://evil.example\"\")\",'@x\r\n"
                + "'+1,'-1\r\n"
                + "'\t=1,Ann\r\n", new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
    }

    @Test
    void aFailedReadEndsWithALineSayingTheFileIsIncomplete() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecutorService readers = Executors.newSingleThreadExecutor();
        try (RowFeed feed = new RowFeed(readers, (expected, row) -> {
            expected.accept(1_000);
            for (int i = 0; i < 600; i++) {
                row.accept(new Object[] {String.format("%05d", i)});
            }
            throw new IllegalStateException("the register went away");
        })) {
            assertThrows(IllegalStateException.class, () -> new CsvSheetWriter(out, ZoneId.of("UTC"))
                    .write(List.of(XlsxSheetWriterTest.column("Client ID", 10)), feed));
        } finally {
            readers.shutdownNow();
        }
        byte[] bytes = out.toByteArray();
        List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals("Client ID", lines.get(0));
        assertEquals("00499", lines.get(500)); // the batches handed over before the failure
        assertEquals(CsvSheetWriter.INCOMPLETE, lines.get(lines.size() - 1));
    }

    private static byte[] write(List<String> header, Object[]... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecutorService readers = Executors.newSingleThreadExecutor();
        try (RowFeed feed = RowFeedTest.of(readers, rows)) {
            new CsvSheetWriter(out, ZoneId.of("America/New_York")).write(
                    header.stream().map(label -> XlsxSheetWriterTest.column(label, 10)).toList(), feed);
        } finally {
            readers.shutdownNow();
        }
        return out.toByteArray();
    }
}
