package org.atrium.api.health;

/** How a part of Atrium is doing. */
public enum HealthStatus {
    /** Working. */
    UP,
    /** Working, but something needs an operator's eye (mail failing to send, say); not a reason to stop traffic. */
    WARN,
    /** Not working: requests that need it fail. */
    DOWN
}
