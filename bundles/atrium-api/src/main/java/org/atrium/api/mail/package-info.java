/** Outgoing mail: the queue every bundle sends through, and its delivery events. */
@Export
@Version("1.1.0")
package org.atrium.api.mail;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
