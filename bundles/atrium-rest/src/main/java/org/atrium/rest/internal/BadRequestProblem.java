package org.atrium.rest.internal;

import java.util.List;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

import org.atrium.api.client.FieldError;

/** Thrown by resources for a malformed request (query parameter, body shape); mapped to a 400 problem. */
public class BadRequestProblem extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public BadRequestProblem(String detail) {
        this(detail, null);
    }

    public BadRequestProblem(String detail, List<FieldError> errors) {
        super(detail, Problem.typed("invalid-request", "Invalid request", Response.Status.BAD_REQUEST, detail, errors)
                .toResponse());
    }
}
