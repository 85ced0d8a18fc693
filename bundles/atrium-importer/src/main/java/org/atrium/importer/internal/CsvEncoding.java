package org.atrium.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which character set a CSV file is in, as spreadsheet programs save them: UTF-8 with a byte order mark
 * (Excel's "CSV UTF-8"), UTF-16 with one, UTF-8 without one, or Windows-1252 (Excel's "CSV (Comma
 * delimited)" on US Windows). A file that is valid UTF-8 throughout is read as UTF-8; any other is Windows-1252, in which
 * every byte is a character.
 */
record CsvEncoding(Charset charset, int bomLength) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Reads the file once, in blocks: memory stays small whatever its size. */
    static CsvEncoding of(Path file) throws IOException {
        return of(CsvSource.of(file));
    }

    static CsvEncoding of(CsvSource file) throws IOException {
        try (InputStream in = file.open()) {
            byte[] start = in.readNBytes(3);
            if (start.length == 3 && start[0] == UTF8_BOM[0] && start[1] == UTF8_BOM[1] && start[2] == UTF8_BOM[2]) {
                return new CsvEncoding(StandardCharsets.UTF_8, 3);
            }
            // "Unicode" text as some programs save it: UTF-16 with its byte order mark
            if (start.length >= 2 && (start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xFE) {
                return new CsvEncoding(StandardCharsets.UTF_16LE, 2);
            }
            if (start.length >= 2 && (start[0] & 0xFF) == 0xFE && (start[1] & 0xFF) == 0xFF) {
                return new CsvEncoding(StandardCharsets.UTF_16BE, 2);
            }
        }
        return isUtf8(file) ? new CsvEncoding(StandardCharsets.UTF_8, 0) : new CsvEncoding(WINDOWS_1252, 0);
    }

    private static boolean isUtf8(CsvSource file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (InputStream in = file.open()) {
            byte[] block = new byte[32 * 1024];
            int read;
            while ((read = in.read(block)) >= 0) {
                bytes.put(block, 0, read).flip();
                if (decoder.decode(bytes, chars, false).isError()) {
                    return false;
                }
                bytes.compact();
                chars.clear();
            }
            bytes.flip();
            if (decoder.decode(bytes, chars, true).isError() || decoder.flush(chars).isError()) {
                return false;
            }
            return !bytes.hasRemaining();
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
