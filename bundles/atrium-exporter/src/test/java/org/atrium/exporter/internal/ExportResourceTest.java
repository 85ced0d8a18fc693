package org.atrium.exporter.internal;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.atrium.api.export.ExportFormat;
import org.atrium.api.export.PreparedExport;
import org.atrium.api.security.Actor;
import org.junit.jupiter.api.Test;

class ExportResourceTest {

    private final AtomicBoolean closed = new AtomicBoolean();

    @Test
    void aClientThatGoesAwayMidDownloadEndsTheExportQuietly() throws IOException {
        OutputStream goneAway = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        ExportResource.body(export(new IllegalStateException("POI wraps what the output threw")), Actor.administrator("jane"))
                .write(goneAway);

        assertTrue(closed.get(), "the export's reservation is given back");
    }

    @Test
    void aFailureOfAtriumsOwnStillFails() {
        IllegalStateException failure = new IllegalStateException("the database went away");

        assertSame(failure, assertThrows(IllegalStateException.class,
                () -> ExportResource.body(export(failure), Actor.administrator("jane")).write(new ByteArrayOutputStream())));
        assertTrue(closed.get());
    }

    /** An export that writes a byte, then fails with {@code failure}. */
    private PreparedExport export(RuntimeException failure) {
        return new PreparedExport() {
            @Override
            public String fileName() {
                return "atrium-clients-2026-11-29.xlsx";
            }

            @Override
            public ExportFormat format() {
                return ExportFormat.XLSX;
            }

            @Override
            public long writeTo(OutputStream out) throws IOException {
                try {
                    out.write('P');
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                throw failure;
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
    }
}
