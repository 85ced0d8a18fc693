package org.atrium.portal.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.osgi.framework.BundleContext;

/** Where the portal keeps files, and how: data/atrium, beside the database; readable by the owner only. */
final class PortalFolders {

    private PortalFolders() {
    }

    /** rw------- where the file system has POSIX permissions: clients' documents and the code key. */
    static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** data/atrium, so the portal's files outlive the bundle's own storage. */
    static Path data(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data, "atrium") : context.getDataFile("").toPath();
    }
}
