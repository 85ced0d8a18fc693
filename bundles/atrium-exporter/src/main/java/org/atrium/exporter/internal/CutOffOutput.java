package org.atrium.exporter.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output that can be cut off: after {@link #cutOff()} nothing more reaches the stream beneath. When an
 * export fails halfway, POI would still close the workbook properly (its zip directory, at the end of the
 * file), and a user would get a file that opens and looks complete; cut off, the file has no end and no
 * spreadsheet program opens it. What POI writes after the cut is dropped without an error: POI would log
 * each error as a warning with its stack trace, for a failure already reported once.
 */
final class CutOffOutput extends FilterOutputStream {

    private volatile boolean cut;

    CutOffOutput(OutputStream out) {
        super(out);
    }

    void cutOff() {
        cut = true;
    }

    @Override
    public void write(int b) throws IOException {
        if (!cut) {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!cut) {
            out.write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        if (!cut) {
            out.flush();
        }
    }

    /** Never closes the stream beneath: it belongs to the caller. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
