package org.atrium.api.client;

import java.util.List;

/** The data breaks one or more client rules; nothing was changed. */
public class ClientValidationException extends AtriumException {
    private static final long serialVersionUID = 1L;
    private final List<FieldError> errors;

    public ClientValidationException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid.";
    }
}
