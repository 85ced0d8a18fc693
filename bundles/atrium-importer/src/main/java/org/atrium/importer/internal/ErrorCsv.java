package org.atrium.importer.internal;

import static org.atrium.text.FormulaGuard.defuse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.atrium.text.VisibleText;

/**
 * The error CSV of an import: one line per problem. UTF-8 with a byte order mark, CRLF, so that Excel
 * shows accented names right. Cells a spreadsheet would run as a formula get a leading apostrophe.
 */
final class ErrorCsv {

    static final List<String> HEADER = List.of("Row", "Client ID", "Column", "Message");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new))
            .get();

    private ErrorCsv() {
    }

    /**
     * @param capped there were more problems than listed; the last line says so
     */
    static void write(Path file, List<RowError> errors, boolean capped, int cap) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
                for (RowError error : errors) {
                    // shown, never echoed raw: a NUL byte or a zero-width space of a broken file is written out
                    printer.printRecord(error.row() == 0 ? "" : String.valueOf(error.row()),
                            defuse(VisibleText.of(error.clientId())), error.column(),
                            defuse(VisibleText.of(error.message())));
                }
                if (capped) {
                    printer.printRecord("", "", "", "There are more problems: only the first " + cap
                            + " are listed. Fix these and upload the file again to see the rest.");
                }
            }
        }
    }
}
