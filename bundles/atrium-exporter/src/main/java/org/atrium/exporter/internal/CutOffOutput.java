package org.atrium.exporter.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output that can be cut off: after {@link #cutOff()} nothing more reaches the stream beneath. When an
 * export fails halfway, POI would still close the workbook properly (its zip directory, at the end of the
 * file), and a user would get a file that opens and looks complete; cut off, the file has no end and no
 * spreadsheet program opens it.
 */
final class CutOffOutput extends FilterOutputStream {

    private volatile boolean cut;

    CutOffOutput(OutputStream out) {
        super(out);
    }

    void cutOff() {
        cut = true;
    }

    private void check() throws IOException {
        if (cut) {
            throw new IOException("the export stopped before its end; the file is left incomplete on purpose");
        }
    }

    @Override
    public void write(int b) throws IOException {
        check();
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check();
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        check();
        out.flush();
    }

    /** Never closes the stream beneath: it belongs to the caller. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
