/**
 * The client register: taxpayer clients of a firm, their spouses for married filing jointly, and the
 * service that stores, validates and searches them.
 */
@Export
@Version("2.2.0")
package org.atrium.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
