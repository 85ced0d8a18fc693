package org.atrium.rest.support;

import java.util.List;

import javax.ws.rs.core.Response.Status;
import javax.ws.rs.core.Response;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.AtriumException;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientNotFoundException;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.ServiceUnavailableException;
import org.atrium.api.client.StaleVersionException;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.imports.ImportRevertBlockedException;
import org.atrium.api.imports.ImportUploadException;
import org.atrium.api.portal.RegistrationRejectedException;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail: what every error of the staff API and the client portal looks like. The one
 * place that says which HTTP status each Atrium exception is ({@link #of(AtriumException)}), so a mistake
 * answers the same wherever it is made.
 *
 * @param errors for validation problems, one entry per broken rule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static final String TYPE_PREFIX = "urn:atrium:problem:";

    /** A problem with a plain HTTP meaning: type {@code about:blank}, title the status's reason phrase. */
    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null);
    }

    public static Problem typed(String kind, String title, Response.StatusType status, String detail,
            List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + kind, title, status.getStatusCode(), detail, errors);
    }

    /** The problem an Atrium exception stands for: a caller's mistake, named in the caller's terms. */
    public static Problem of(AtriumException e) {
        if (e instanceof ClientValidationException invalid) {
            return typed("validation", "The data breaks client rules", Status.BAD_REQUEST, e.getMessage(),
                    invalid.errors());
        } else if (e instanceof ClientConflictException conflict) {
            return typed("conflict", "Already in use", Status.CONFLICT, e.getMessage(), conflict.conflicts());
        } else if (e instanceof ImportRevertBlockedException blocked) {
            return typed("revert-blocked", "Clients changed since the import", Status.CONFLICT, e.getMessage(),
                    blocked.clientIds().stream().map(id -> new FieldError("clientId", id)).toList());
        } else if (e instanceof ImportUploadException upload && upload.tooLarge()) {
            return of(Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        } else if (e instanceof StaleVersionException) {
            return typed("stale-version", "Changed by someone else", Status.CONFLICT, e.getMessage(), null);
        } else if (e instanceof InvalidRequestException invalidRequest) {
            return typed("invalid-request", "Invalid request", Status.BAD_REQUEST, e.getMessage(),
                    invalidRequest.errors());
        } else if (e instanceof RegistrationRejectedException) {
            return typed("registration-link", "The registration link cannot be used", Status.BAD_REQUEST,
                    e.getMessage(), null);
        } else if (e instanceof AccessDeniedException) {
            return of(Status.FORBIDDEN, e.getMessage());
        } else if (e instanceof ServiceUnavailableException) {
            return of(Status.SERVICE_UNAVAILABLE, e.getMessage());
        } else if (e instanceof ClientNotFoundException || e instanceof UnknownItemException) {
            return of(Status.NOT_FOUND, e.getMessage());
        }
        return of(Status.BAD_REQUEST, e.getMessage());
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
