/** Extending the REST API from other bundles without disturbing it. */
@Export
@Version("1.0.0")
package org.atrium.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
