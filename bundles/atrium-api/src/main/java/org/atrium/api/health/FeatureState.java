package org.atrium.api.health;

/**
 * One of Atrium's Karaf features.
 *
 * @param name the feature's name ({@code atrium-mailer})
 * @param version its version
 * @param installed whether it is installed
 * @param active whether it is installed and every bundle of its own is active
 * @param state Karaf's word for it ({@code Started}, {@code Resolved}, {@code Uninstalled}...)
 */
public record FeatureState(String name, String version, boolean installed, boolean active, String state) {
}
