package org.atrium.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where an import file's bytes come from; each call reads them again from the start. */
@FunctionalInterface
interface CsvSource {

    InputStream open() throws IOException;

    static CsvSource of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
