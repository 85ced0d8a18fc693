package org.atrium.exporter.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.atrium.text.FormulaGuard;

/**
 * CSV in the import template's value formats (mm/dd/yyyy dates, Yes/No), UTF-8 with a byte order mark so
 * that Excel reads accents right, CRLF line ends. Text a spreadsheet would run as a formula gets a leading
 * apostrophe (OWASP's advice for CSV).
 */
final class CsvSheetWriter implements SheetWriter {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm");
    /**
     * A CSV file has no end a program could miss: when reading fails halfway, the last line says that the
     * file is incomplete, so that a truncated list is never taken for the whole one.
     */
    static final String INCOMPLETE = "THE EXPORT STOPPED BEFORE ITS END: THIS FILE IS INCOMPLETE. Export again.";
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final OutputStream out;
    private final DateTimeFormatter dateTime;

    CsvSheetWriter(OutputStream out, ZoneId zone) {
        this.out = out;
        this.dateTime = DATE_TIME.withZone(zone);
    }

    @Override
    public long write(List<Column> columns, RowFeed rows) throws IOException {
        out.write(BYTE_ORDER_MARK);
        CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180);
        printer.printRecord(columns.stream().map(Column::label).toList());
        try {
            long written = rows.drainTo(values -> {
                for (Object value : values) {
                    printer.print(text(value));
                }
                printer.println();
            });
            printer.flush();
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            markIncomplete(printer);
            throw new InterruptedIOException("the export was interrupted");
        } catch (RuntimeException e) {
            markIncomplete(printer);
            throw e;
        }
    }

    private static void markIncomplete(CSVPrinter printer) {
        try {
            printer.println();
            printer.printRecord(INCOMPLETE);
            printer.flush();
        } catch (IOException e) {
            // the connection is gone as well: nothing more can be said
        }
    }

    private String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean yes) {
            return yes ? "Yes" : "No";
        }
        if (value instanceof LocalDate date) {
            return DATE.format(date);
        }
        if (value instanceof Instant instant) {
            return dateTime.format(instant);
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return FormulaGuard.defuse(value.toString());
    }
}
