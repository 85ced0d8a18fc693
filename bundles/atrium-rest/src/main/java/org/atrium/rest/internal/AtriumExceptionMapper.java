package org.atrium.rest.internal;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.Response.Status;
import javax.ws.rs.ext.ExceptionMapper;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.AtriumException;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientNotFoundException;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.ImportRevertBlockedException;
import org.atrium.api.client.RegistrationRejectedException;
import org.atrium.api.client.ServiceUnavailableException;
import org.atrium.api.client.StaleVersionException;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.imports.ImportUploadException;
import org.atrium.rest.support.InvalidRequestException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** Atrium's exceptions as problems: 400 invalid, 404 unknown, 409 taken or stale. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(AtriumApplication.SELECT)
public class AtriumExceptionMapper implements ExceptionMapper<AtriumException> {

    @Override
    public Response toResponse(AtriumException e) {
        Problem problem;
        if (e instanceof ClientValidationException invalid) {
            problem = Problem.typed("validation", "The data breaks client rules", Status.BAD_REQUEST,
                    e.getMessage(), invalid.errors());
        } else if (e instanceof ClientConflictException conflict) {
            problem = Problem.typed("conflict", "Already in use", Status.CONFLICT, e.getMessage(), conflict.conflicts());
        } else if (e instanceof ImportRevertBlockedException blocked) {
            problem = Problem.typed("revert-blocked", "Clients changed since the import", Status.CONFLICT,
                    e.getMessage(), blocked.clientIds().stream().map(id -> new FieldError("clientId", id)).toList());
        } else if (e instanceof ImportUploadException upload && upload.tooLarge()) {
            problem = Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        } else if (e instanceof StaleVersionException) {
            problem = Problem.typed("stale-version", "Changed by someone else", Status.CONFLICT, e.getMessage(), null);
        } else if (e instanceof InvalidRequestException invalidRequest) {
            problem = Problem.typed("invalid-request", "Invalid request", Status.BAD_REQUEST, e.getMessage(),
                    invalidRequest.errors());
        } else if (e instanceof RegistrationRejectedException) {
            problem = Problem.typed("registration-link", "The registration link cannot be used", Status.BAD_REQUEST,
                    e.getMessage(), null);
        } else if (e instanceof AccessDeniedException) {
            problem = Problem.of(Status.FORBIDDEN, e.getMessage());
        } else if (e instanceof ServiceUnavailableException) {
            problem = Problem.of(Status.SERVICE_UNAVAILABLE, e.getMessage());
        } else if (e instanceof ClientNotFoundException || e instanceof UnknownItemException) {
            problem = Problem.of(Status.NOT_FOUND, e.getMessage());
        } else {
            problem = Problem.of(Status.BAD_REQUEST, e.getMessage());
        }
        return problem.toResponse();
    }
}
