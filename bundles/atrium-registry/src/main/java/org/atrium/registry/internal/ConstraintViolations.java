package org.atrium.registry.internal;

import java.sql.SQLIntegrityConstraintViolationException;

import javax.persistence.OptimisticLockException;

/**
 * Recognizes a unique or primary key violation, or a lost race of two changes of one version, behind the
 * layers JPA and JTA wrap around it.
 */
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

    /** Another transaction changed the row since it was read (JPA's version check at the flush or commit). */
    static boolean concurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // JPA's, or EclipseLink's own when it surfaces at the commit (wrapped in a RollbackException)
            if (t instanceof OptimisticLockException || t.getClass().getSimpleName().equals("OptimisticLockException")) {
                return true;
            }
        }
        return false;
    }
}
