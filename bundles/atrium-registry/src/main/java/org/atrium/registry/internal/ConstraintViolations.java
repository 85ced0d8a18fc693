package org.atrium.registry.internal;

import java.sql.SQLIntegrityConstraintViolationException;

/** Recognizes a unique or primary key violation behind the layers JPA and JTA wrap around it. */
public final class ConstraintViolations {

    private ConstraintViolations() {
    }

    static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
