package org.atrium.api.client;

import java.util.List;

/**
 * The data collides with another client: a client ID or email address already in use. Nothing was
 * changed.
 */
public class ClientConflictException extends AtriumException {
    private static final long serialVersionUID = 1L;
    private final List<FieldError> conflicts;

    public ClientConflictException(List<FieldError> conflicts) {
        super(conflicts.get(0).message());
        this.conflicts = List.copyOf(conflicts);
    }

    public List<FieldError> conflicts() {
        return conflicts;
    }
}
