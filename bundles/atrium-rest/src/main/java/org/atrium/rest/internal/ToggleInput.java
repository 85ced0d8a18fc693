package org.atrium.rest.internal;

/** The body of the toggle endpoints: {@code {"enabled": true}}. */
public record ToggleInput(Boolean enabled) {
}
