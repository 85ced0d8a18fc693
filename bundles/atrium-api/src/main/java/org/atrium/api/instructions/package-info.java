/** Client instructions: the onboarding email templates, and filling them in for a client. */
@Export
@Version("1.0.0")
package org.atrium.api.instructions;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
