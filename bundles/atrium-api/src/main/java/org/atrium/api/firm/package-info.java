/**
 * The firm as its clients see it, set once (etc/atrium.firm.cfg or {@code atrium:firm} at the console) and
 * used everywhere: the name in every email, the sender of every email, the address of every link.
 */
@Export
@Version("1.0.0")
package org.atrium.api.firm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
