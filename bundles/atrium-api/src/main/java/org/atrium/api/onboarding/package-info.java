/** Onboarding: inviting clients to the portal by email. */
@Export
@Version("1.0.0")
package org.atrium.api.onboarding;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
