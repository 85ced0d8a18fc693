package org.atrium.api.imports;

/** Where an import job is: waiting its turn, working, or done one way or the other. */
public enum ImportState {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
