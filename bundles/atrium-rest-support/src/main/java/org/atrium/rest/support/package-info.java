/**
 * For bundles that contribute an {@link org.atrium.api.rest.ApiRoute} (or serve pages of their own): who is
 * asking ({@link org.atrium.rest.support.RouteContext}), reading the client list's query parameters exactly
 * as {@code GET /api/v1/clients} does, the 400 problem for a malformed request, and the one mapping of
 * Atrium's exceptions to RFC 9457 problems ({@link org.atrium.rest.support.Problem}).
 */
@Export
@Version("1.3.0")
package org.atrium.rest.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
