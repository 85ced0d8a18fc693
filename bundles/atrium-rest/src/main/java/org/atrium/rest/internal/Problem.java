package org.atrium.rest.internal;

import java.util.List;

import javax.ws.rs.core.Response;

import org.atrium.api.client.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail: what every error of the API looks like.
 *
 * @param errors for validation problems, one entry per broken rule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static final String TYPE_PREFIX = "urn:atrium:problem:";

    /** A problem with a plain HTTP meaning: type {@code about:blank}, title the status's reason phrase. */
    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null);
    }

    public static Problem typed(String kind, String title, Response.StatusType status, String detail,
            List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + kind, title, status.getStatusCode(), detail, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
