/**
 * Export of the client list to a spreadsheet (Excel {@code .xlsx} or CSV) with the columns a user chose,
 * and the extension point for a firm's own columns.
 */
@Export
@Version("1.1.0")
package org.atrium.api.export;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
