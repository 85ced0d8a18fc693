/** Bulk import and bulk edit of clients from the CSV template, as background jobs. */
@Export
@Version("1.0.0")
package org.atrium.api.imports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
