package org.atrium.api.imports;

import org.osgi.annotation.versioning.ConsumerType;

/** Told how far an import has come; called from the thread doing the work, so it must be quick. */
@ConsumerType
@FunctionalInterface
public interface ImportProgress {

    /** The stage an import is in: every row is checked first, and written only if all pass. */
    enum Stage {
        CHECKING, WRITING
    }

    /** {@code rows} rows of the file have been through {@code stage}. */
    void reached(Stage stage, long rows);
}
