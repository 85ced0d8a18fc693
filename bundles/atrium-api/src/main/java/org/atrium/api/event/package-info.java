/** Event Admin topics Atrium publishes, for bundles that react to changes (mail, audit, a firm's own). */
@Export
@Version("1.4.0")
package org.atrium.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
