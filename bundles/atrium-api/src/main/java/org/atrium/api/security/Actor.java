package org.atrium.api.security;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who performs an operation, as the audit trail records it, and which office locations they may touch. A
 * system administrator reaches every office; staff reach the offices granted to them and nothing else.
 *
 * @param name the user name (the JAAS user), or {@code system} for Atrium's own work
 * @param offices the granted office location numbers; ignored for administrators
 */
public record Actor(String name, boolean administrator, Set<Integer> offices) {

    /** Atrium itself and trusted in-process callers: every office, recorded as {@code system}. */
    public static final Actor SYSTEM = new Actor("system", true, Set.of());

    public Actor {
        Objects.requireNonNull(name, "name");
        offices = Set.copyOf(new TreeSet<>(offices));
    }

    public static Actor administrator(String name) {
        return new Actor(name, true, Set.of());
    }

    public static Actor staff(String name, Set<Integer> offices) {
        return new Actor(name, false, offices);
    }

    /** Whether this actor may see and change clients of the office location. */
    public boolean mayAccess(int office) {
        return administrator || offices.contains(office);
    }
}
