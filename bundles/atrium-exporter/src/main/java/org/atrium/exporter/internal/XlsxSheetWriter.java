package org.atrium.exporter.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.atrium.text.FormulaGuard;

/**
 * An Excel workbook written with POI's streaming SXSSF in its deferred form: rows are made while the file is
 * being written and go straight into the compressed output, a window of them at a time, so memory stays
 * bounded, no temporary file ever holds clients' data, and compressing overlaps with reading the register.
 * What precedes the rows in the file (column widths, the auto-filter's range) is settled first, from the
 * columns and the number of rows expected.
 * <p>
 * One sheet "Clients": a bold header frozen at the top with an auto-filter over the table, text cells
 * formatted as text (Client IDs and tax IDs keep their leading zeros), dates as date cells shown
 * mm/dd/yyyy, Yes/No for booleans.
 */
final class XlsxSheetWriter implements SheetWriter {

    static final String SHEET_NAME = "Clients";
    static final String DATE_FORMAT = "mm/dd/yyyy";
    static final String DATE_TIME_FORMAT = "mm/dd/yyyy hh:mm";
    private static final int MAX_CELL_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    private static final int LAST_ROW = SpreadsheetVersion.EXCEL2007.getLastRowIndex();

    private final OutputStream out;
    private final ZoneId zone;

    XlsxSheetWriter(OutputStream out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    @Override
    public long write(List<Column> columns, RowFeed rows) throws IOException {
        CutOffOutput output = new CutOffOutput(out);
        try (DeferredSXSSFWorkbook workbook = new DeferredSXSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            DeferredSXSSFSheet sheet = workbook.createSheet(SHEET_NAME);
            for (int i = 0; i < columns.size(); i++) {
                sheet.setColumnWidth(i, columns.get(i).width() * 256);
            }
            sheet.createFreezePane(0, 1);
            long expected = rows.expectedRows();
            sheet.setAutoFilter(new CellRangeAddress(0, (int) Math.min(LAST_ROW, expected), 0, columns.size() - 1));
            long[] written = new long[1];
            Exception[] failed = new Exception[1];
            sheet.setRowGenerator(generated -> {
                header(generated, columns, styles);
                try {
                    written[0] = rows.drainTo(values -> row(generated, values, styles));
                } catch (Exception e) {
                    failed[0] = e;
                    output.cutOff();
                    throw e;
                }
            });
            try {
                workbook.write(output);
            } catch (IOException e) {
                if (failed[0] == null) {
                    throw e;
                }
            }
            // POI wraps what the row generator threw, or finishes the file into the cut-off output: report the cause
            if (failed[0] instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed[0] instanceof InterruptedException) {
                throw new InterruptedException();
            }
            if (failed[0] != null) {
                throw failed[0] instanceof IOException io ? io : new IOException(failed[0]);
            }
            return written[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the export was interrupted");
        } catch (RuntimeException e) {
            output.cutOff();
            throw e;
        }
    }

    private static void header(SXSSFSheet sheet, List<Column> columns, Styles styles) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(columns.get(i).label());
            cell.setCellStyle(styles.header);
        }
    }

    private void row(SXSSFSheet sheet, Object[] values, Styles styles) {
        Row row = sheet.createRow(sheet.getLastRowNum() + 1);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                write(row.createCell(i), values[i], styles);
            }
        }
    }

    private void write(Cell cell, Object value, Styles styles) {
        if (value instanceof String text) {
            text(cell, text, styles);
        } else if (value instanceof Boolean yes) {
            text(cell, yes ? "Yes" : "No", styles);
        } else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(styles.date);
        } else if (value instanceof Instant instant) {
            cell.setCellValue(LocalDateTime.ofInstant(instant, zone));
            cell.setCellStyle(styles.dateTime);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            cell.setCellValue(((Number) value).doubleValue());
            cell.setCellStyle(styles.wholeNumber);
        } else if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else {
            text(cell, value.toString(), styles);
        }
    }

    private static void text(Cell cell, String text, Styles styles) {
        String fitting = text.length() > MAX_CELL_TEXT ? text.substring(0, MAX_CELL_TEXT) : text;
        cell.setCellValue(fitting);
        cell.setCellStyle(FormulaGuard.looksLikeFormula(fitting) ? styles.quotedText : styles.text);
    }

    /** The workbook's cell styles, made once: Excel allows some 64,000 per file. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle text;
        final CellStyle quotedText;
        final CellStyle wholeNumber;
        final CellStyle date;
        final CellStyle dateTime;

        Styles(DeferredSXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            text = workbook.createCellStyle();
            text.setDataFormat((short) BuiltinFormats.getBuiltinFormat("@"));
            // text an edit in Excel would turn into a formula stays text: Excel's own leading apostrophe
            quotedText = workbook.createCellStyle();
            quotedText.cloneStyleFrom(text);
            quotedText.setQuotePrefixed(true);
            wholeNumber = workbook.createCellStyle();
            wholeNumber.setDataFormat((short) BuiltinFormats.getBuiltinFormat("0"));
            date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat(DATE_FORMAT));
            dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat(DATE_TIME_FORMAT));
        }
    }
}
