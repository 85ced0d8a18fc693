package org.atrium.exporter.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.poifs.crypt.temp.SXSSFWorkbookWithCustomZipEntrySource;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.atrium.text.FormulaGuard;

/**
 * An Excel workbook written with POI's streaming SXSSF: only a window of rows is in memory, the rest goes to
 * a temporary file that POI encrypts with a key of its own for this workbook (clients' data never lies
 * readable on disk). One sheet "Clients": a bold header frozen at the top with an auto-filter over the
 * table, text cells formatted as text (Client IDs and tax IDs keep their leading zeros), dates as date
 * cells shown mm/dd/yyyy, Yes/No for booleans, columns as wide as their longest value (within limits).
 */
final class XlsxSheetWriter implements SheetWriter {

    static final String SHEET_NAME = "Clients";
    static final String DATE_FORMAT = "mm/dd/yyyy";
    static final String DATE_TIME_FORMAT = "mm/dd/yyyy hh:mm";
    private static final int MIN_WIDTH_CHARS = 8;
    private static final int MAX_WIDTH_CHARS = 60;
    private static final int MAX_CELL_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private final OutputStream out;
    private final ZoneId zone;
    private final SXSSFWorkbook workbook;
    private final SXSSFSheet sheet;
    private final CellStyle headerStyle;
    private final CellStyle textStyle;
    private final CellStyle quotedTextStyle;
    private final CellStyle wholeNumberStyle;
    private final CellStyle dateStyle;
    private final CellStyle dateTimeStyle;
    private int[] widths = new int[0];
    private int rows;

    XlsxSheetWriter(OutputStream out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
        workbook = new SXSSFWorkbookWithCustomZipEntrySource();
        sheet = workbook.createSheet(SHEET_NAME);
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        textStyle = workbook.createCellStyle();
        textStyle.setDataFormat((short) BuiltinFormats.getBuiltinFormat("@"));
        // text an edit in Excel would turn into a formula stays text: Excel's own leading apostrophe
        quotedTextStyle = workbook.createCellStyle();
        quotedTextStyle.cloneStyleFrom(textStyle);
        quotedTextStyle.setQuotePrefixed(true);
        wholeNumberStyle = workbook.createCellStyle();
        wholeNumberStyle.setDataFormat((short) BuiltinFormats.getBuiltinFormat("0"));
        dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(workbook.createDataFormat().getFormat(DATE_FORMAT));
        dateTimeStyle = workbook.createCellStyle();
        dateTimeStyle.setDataFormat(workbook.createDataFormat().getFormat(DATE_TIME_FORMAT));
    }

    @Override
    public void header(List<String> labels) {
        widths = new int[labels.size()];
        Row row = sheet.createRow(rows++);
        for (int i = 0; i < labels.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(labels.get(i));
            cell.setCellStyle(headerStyle);
            // the filter's drop-down arrow takes about two characters
            widths[i] = labels.get(i).length() + 3;
        }
        sheet.createFreezePane(0, 1);
    }

    @Override
    public void row(Object[] values) {
        Row row = sheet.createRow(rows++);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value != null) {
                write(row.createCell(i), i, value);
            }
        }
    }

    private void write(Cell cell, int column, Object value) {
        if (value instanceof String text) {
            text(cell, column, text);
        } else if (value instanceof Boolean yes) {
            text(cell, column, yes ? "Yes" : "No");
        } else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(dateStyle);
            widen(column, DATE_FORMAT.length() + 1);
        } else if (value instanceof Instant instant) {
            cell.setCellValue(LocalDateTime.ofInstant(instant, zone));
            cell.setCellStyle(dateTimeStyle);
            widen(column, DATE_TIME_FORMAT.length() + 1);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            cell.setCellValue(((Number) value).doubleValue());
            cell.setCellStyle(wholeNumberStyle);
            widen(column, value.toString().length());
        } else if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
            widen(column, value.toString().length());
        } else {
            text(cell, column, value.toString());
        }
    }

    private void text(Cell cell, int column, String text) {
        String fitting = text.length() > MAX_CELL_TEXT ? text.substring(0, MAX_CELL_TEXT) : text;
        cell.setCellValue(fitting);
        cell.setCellStyle(FormulaGuard.looksLikeFormula(fitting) ? quotedTextStyle : textStyle);
        widen(column, fitting.length());
    }

    private void widen(int column, int chars) {
        if (chars > widths[column]) {
            widths[column] = chars;
        }
    }

    @Override
    public void finish() throws IOException {
        for (int i = 0; i < widths.length; i++) {
            int chars = Math.max(MIN_WIDTH_CHARS, Math.min(MAX_WIDTH_CHARS, widths[i] + 1));
            sheet.setColumnWidth(i, chars * 256);
        }
        if (widths.length > 0) {
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows - 1), 0, widths.length - 1));
        }
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.dispose();
        workbook.close();
    }
}
