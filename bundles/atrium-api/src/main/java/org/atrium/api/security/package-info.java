/**
 * Who acts in Atrium and what they may reach: the {@link org.atrium.api.security.Actor} of an operation
 * and the office locations granted to each user, and their preferences.
 */
@Export
@Version("1.3.0")
package org.atrium.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
