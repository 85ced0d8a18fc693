/** The audit trail of every change to clients, offices, grants and settings, and of sensitive reads. */
@Export
@Version("1.5.0")
package org.atrium.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
