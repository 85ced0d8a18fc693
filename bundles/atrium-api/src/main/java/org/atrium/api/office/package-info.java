/** Office locations: every client belongs to one; later, users are granted access per office. */
@Export
@Version("1.0.0")
package org.atrium.api.office;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
