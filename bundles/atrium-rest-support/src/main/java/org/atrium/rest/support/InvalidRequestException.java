package org.atrium.rest.support;

import java.util.List;

import org.atrium.api.client.AtriumException;
import org.atrium.api.client.FieldError;

/** A malformed request (query parameter, body shape), answered with a 400 problem that names it. */
public class InvalidRequestException extends AtriumException {
    private static final long serialVersionUID = 1L;
    private final List<FieldError> errors;

    public InvalidRequestException(String detail) {
        this(detail, null);
    }

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    /** The fields concerned, or {@code null} when the problem is not about fields. */
    public List<FieldError> errors() {
        return errors;
    }
}
