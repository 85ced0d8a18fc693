package org.atrium.exporter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxSheetWriterTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aRealSpreadsheetWithTypedCells() throws IOException {
        try (XSSFWorkbook workbook = write(List.of("Client ID", "Date of Birth", "Portal Access", "Office Location",
                "Created At", "Spouse Name"), new Object[] {"00042", LocalDate.of(1980, 2, 3), true, 7,
                        Instant.parse("2026-11-23T15:30:00Z"), null},
                new Object[] {"0007", LocalDate.of(2001, 12, 31), false, 12, Instant.parse("2026-01-01T00:00:00Z"),
                        "Bob Smith"})) {
            XSSFSheet sheet = workbook.getSheet("Clients");
            assertEquals(2, sheet.getLastRowNum());

            Row header = sheet.getRow(0);
            assertEquals("Client ID", header.getCell(0).getStringCellValue());
            assertTrue(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold());
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition());
            assertTrue(sheet.getPaneInformation().isFreezePane());
            assertEquals("A1:F3", sheet.getCTWorksheet().getAutoFilter().getRef());

            Row first = sheet.getRow(1);
            assertEquals(CellType.STRING, first.getCell(0).getCellType());
            assertEquals("00042", first.getCell(0).getStringCellValue());
            assertEquals("@", first.getCell(0).getCellStyle().getDataFormatString());
            Cell birth = first.getCell(1);
            assertEquals(CellType.NUMERIC, birth.getCellType());
            assertTrue(DateUtil.isCellDateFormatted(birth));
            assertEquals("mm/dd/yyyy", birth.getCellStyle().getDataFormatString());
            assertEquals(LocalDateTime.of(1980, 2, 3, 0, 0), birth.getLocalDateTimeCellValue());
            assertEquals("Yes", first.getCell(2).getStringCellValue());
            assertEquals(7, first.getCell(3).getNumericCellValue());
            // the firm's time zone, not UTC
            assertEquals(LocalDateTime.of(2026, 11, 23, 10, 30), first.getCell(4).getLocalDateTimeCellValue());
            assertEquals("mm/dd/yyyy hh:mm", first.getCell(4).getCellStyle().getDataFormatString());
            assertNull(first.getCell(5));
            assertEquals("No", sheet.getRow(2).getCell(2).getStringCellValue());
            assertEquals("Bob Smith", sheet.getRow(2).getCell(5).getStringCellValue());
        }
    }

    @Test
    void textThatLooksLikeAFormulaStaysText() throws IOException {
        List<String> attacks = List.of("=HYPERLINK(\"http://evil.example\",\"Click\")", "+1+1", "-2+3", "@SUM(A1)",
                "\t=1", "\r=1");
        try (XSSFWorkbook workbook = write(List.of("Name"), attacks.stream().map(a -> new Object[] {a})
                .toArray(Object[][]::new))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int i = 0; i < attacks.size(); i++) {
                Cell cell = sheet.getRow(i + 1).getCell(0);
                assertEquals(CellType.STRING, cell.getCellType(), attacks.get(i));
                // the exact value, marked so that editing the cell in Excel keeps it text
                assertEquals(attacks.get(i), cell.getStringCellValue());
                assertTrue(cell.getCellStyle().getQuotePrefixed(), attacks.get(i));
            }
        }
    }

    @Test
    void ordinaryTextIsNotQuoted() throws IOException {
        try (XSSFWorkbook workbook = write(List.of("Name"), new Object[] {"Ann Smith"})) {
            Cell cell = workbook.getSheetAt(0).getRow(1).getCell(0);
            assertFalse(cell.getCellStyle().getQuotePrefixed());
        }
    }

    @Test
    void columnsAreAsWideAsTheirLabelOrTypicalValueWithinLimits() throws IOException {
        List<Column> columns = List.of(column("ID", 14), column("Office Location Name", 10), column("Note", 500),
                column("X", 2));
        try (XSSFWorkbook workbook = writeColumns(columns, new Object[] {"1", "Main", "x", "y"})) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals(14 * 256, sheet.getColumnWidth(0));
            assertEquals(("Office Location Name".length() + 3) * 256, sheet.getColumnWidth(1));
            assertEquals(60 * 256, sheet.getColumnWidth(2));
            assertEquals(8 * 256, sheet.getColumnWidth(3));
        }
    }

    @Test
    void aFailedReadLeavesAFileNoProgramOpensNotAShortListThatLooksWhole() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecutorService readers = Executors.newSingleThreadExecutor();
        IllegalStateException failure = new IllegalStateException("the register went away");
        try (RowFeed feed = new RowFeed(readers, (expected, row) -> {
            expected.accept(10_000);
            for (int i = 0; i < 2_000; i++) {
                row.accept(new Object[] {String.valueOf(i)});
            }
            throw failure;
        })) {
            assertSame(failure, assertThrows(IllegalStateException.class,
                    () -> new XlsxSheetWriter(out, NEW_YORK).write(List.of(column("Client ID", 10)), feed)));
        } finally {
            readers.shutdownNow();
        }
        assertTrue(out.size() > 0, "what was written stays written");
        assertThrows(Exception.class, () -> new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray())).close());
    }

    @Test
    void anEmptyListIsAHeaderOnly() throws IOException {
        try (XSSFWorkbook workbook = write(List.of("Client ID", "Name"))) {
            XSSFSheet sheet = workbook.getSheet("Clients");
            assertEquals(0, sheet.getLastRowNum());
            assertNotNull(sheet.getRow(0));
            assertEquals("A1:B1", sheet.getCTWorksheet().getAutoFilter().getRef());
        }
    }

    @Test
    void manyRowsStreamThroughASmallWindow() throws IOException {
        Object[][] rows = new Object[5_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {String.format("%06d", i), "Client " + i};
        }
        try (XSSFWorkbook workbook = write(List.of("Client ID", "Name"), rows)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals(5_000, sheet.getLastRowNum());
            assertEquals("004999", sheet.getRow(5_000).getCell(0).getStringCellValue());
        }
    }

    static XSSFWorkbook write(List<String> header, Object[]... rows) throws IOException {
        return writeColumns(header.stream().map(label -> column(label, 10)).toList(), rows);
    }

    static XSSFWorkbook writeColumns(List<Column> columns, Object[]... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecutorService readers = Executors.newSingleThreadExecutor();
        try (RowFeed feed = RowFeedTest.of(readers, rows)) {
            assertEquals(rows.length, new XlsxSheetWriter(out, NEW_YORK).write(columns, feed));
        } finally {
            readers.shutdownNow();
        }
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    static Column column(String label, int typicalWidth) {
        return new Column(label, label, false, false, typicalWidth, (client, context) -> null);
    }
}
