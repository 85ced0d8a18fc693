package org.atrium.exporter.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final OutputStream out;
    private final DateTimeFormatter dateTime;
    private final CSVPrinter printer;

    CsvSheetWriter(OutputStream out, ZoneId zone) throws IOException {
        this.out = out;
        this.dateTime = DATE_TIME.withZone(zone);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
    }

    @Override
    public void header(List<String> labels) throws IOException {
        out.write(BYTE_ORDER_MARK);
        printer.printRecord(labels);
    }

    @Override
    public void row(Object[] values) throws IOException {
        for (Object value : values) {
            printer.print(text(value));
        }
        printer.println();
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

    @Override
    public void finish() throws IOException {
        printer.flush();
    }

    @Override
    public void close() {
        // nothing of its own: the output stream belongs to the caller
    }
}
