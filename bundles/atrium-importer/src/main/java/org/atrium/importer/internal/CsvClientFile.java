package org.atrium.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An import file read one row at a time, as spreadsheet programs write CSV: comma separated, fields quoted
 * when they hold commas, quotes or line breaks, CRLF or LF, empty lines (e.g. trailing ones) skipped. Cells
 * are kept as written (a Client ID of {@code 000123} stays so). Only the current row is in memory.
 */
final class CsvClientFile implements AutoCloseable {

    /** One data row and its row number as a spreadsheet shows it (the header is row 1). */
    record Row(long number, List<String> cells) {
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(false).setTrim(false).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;

    private CsvClientFile(CSVParser parser) {
        this.parser = parser;
        this.records = parser.iterator();
        this.header = records.hasNext() ? cells(records.next()) : List.of();
    }

    static CsvClientFile open(Path file) throws IOException {
        return open(file, CsvEncoding.of(file));
    }

    /** Opens a file whose encoding is known (detecting it reads the whole file). */
    static CsvClientFile open(Path file, CsvEncoding encoding) throws IOException {
        return open(CsvSource.of(file), encoding);
    }

    static CsvClientFile open(CsvSource file, CsvEncoding encoding) throws IOException {
        InputStream in = file.open();
        try {
            in.skipNBytes(encoding.bomLength());
            Reader reader = new InputStreamReader(in, encoding.charset());
            return new CsvClientFile(CSVParser.builder().setReader(reader).setFormat(FORMAT).get());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The first row; empty for an empty file. */
    List<String> header() {
        return header;
    }

    /**
     * The data rows, read as they are iterated.
     *
     * @throws UncheckedIOException for a file that is not CSV (e.g. a quote that is never closed), naming
     *         the row where reading stopped
     */
    Iterator<Row> rows() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException e) {
                    throw malformed(e);
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CSVRecord record = records.next();
                // record numbers count records, not lines: the header is record 1, like row 1 in Excel
                return new Row(record.getRecordNumber(), cells(record));
            }
        };
    }

    private UncheckedIOException malformed(UncheckedIOException e) {
        return new UncheckedIOException("The file is not valid CSV after row " + parser.getRecordNumber() + ": "
                + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e.getCause());
    }

    private static List<String> cells(CSVRecord record) {
        List<String> cells = new ArrayList<>(record.size());
        record.forEach(cells::add);
        return cells;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
