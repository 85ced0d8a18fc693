/**
 * Atrium's health: checks that bundles contribute ({@link org.atrium.api.health.HealthCheck}) and the
 * report made of them and of the features' states ({@link org.atrium.api.health.AtriumHealth}), behind
 * {@code GET /api/v1/health} and {@code atrium:status}.
 */
@Export
@Version("1.0.0")
package org.atrium.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
