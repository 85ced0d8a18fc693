/**
 * For bundles that contribute an {@link org.atrium.api.rest.ApiRoute}: reading the client list's query
 * parameters exactly as {@code GET /api/v1/clients} does, and the 400 problem for a malformed request.
 */
@Export
@Version("1.1.0")
package org.atrium.rest.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
