package org.atrium.exporter.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The response body of a download, remembering whether writing to the client ever failed: then the client
 * went away (closed the browser tab, cancelled, lost the network), which is the user's choice, not a fault
 * of Atrium to log as an error.
 */
final class DownloadOutput extends FilterOutputStream {

    private volatile boolean broken;

    DownloadOutput(OutputStream out) {
        super(out);
    }

    /** Whether the connection to the client failed while the file was being written. */
    boolean broken() {
        return broken;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    /** Never closes the stream beneath: it belongs to the web server. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
