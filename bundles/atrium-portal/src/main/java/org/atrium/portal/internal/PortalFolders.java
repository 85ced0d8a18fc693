package org.atrium.portal.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** data/atrium, beside the database, so the portal's files outlive the bundle's own storage. */
final class PortalFolders {

    private PortalFolders() {
    }

    static Path data(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data, "atrium") : context.getDataFile("").toPath();
    }
}
