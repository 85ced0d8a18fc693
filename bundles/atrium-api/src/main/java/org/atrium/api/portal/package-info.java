/**
 * The client portal's people in the register: invitations, registration with the onboarding link, sign-in
 * records, and the exceptions a registration can meet.
 */
@Export
@Version("1.0.0")
package org.atrium.api.portal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
