/**
 * Bulk import and bulk edit of clients: the register's ledger of imports (check, apply, revert) and the CSV
 * template's imports as background jobs.
 */
@Export
@Version("1.2.0")
package org.atrium.api.imports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
