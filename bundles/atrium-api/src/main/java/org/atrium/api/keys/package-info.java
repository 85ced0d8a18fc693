/**
 * Keys derived from the installation's one master key ({@link org.atrium.api.keys.SecretKeys}): the same on
 * every node given the same master key, so that what one node encrypts or signs another can read or check.
 */
@Export
@Version("1.0.0")
package org.atrium.api.keys;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
