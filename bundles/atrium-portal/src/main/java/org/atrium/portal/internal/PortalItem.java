package org.atrium.portal.internal;

import java.time.Instant;

/** An item delivered to the person's email address, as the portal lists it. */
public record PortalItem(String title, Instant deliveredAt) {
}
