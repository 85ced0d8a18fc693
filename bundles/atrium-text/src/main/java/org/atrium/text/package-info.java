/**
 * Text helpers for bundles that write files people open in spreadsheet programs. A library, not part of
 * Atrium's API: it holds code, and its users are Atrium's own bundles.
 */
@Export
@Version("1.1.0")
package org.atrium.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
