package org.atrium.rest.internal;

import java.util.Optional;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.atrium.rest.support.JsonProblems;
import org.atrium.rest.support.Problem;

/**
 * HTTP errors raised by JAX-RS itself (unknown path 404, wrong method 405, wrong content type 415, not
 * acceptable 406) as problems, so that every error of the API has the same shape.
 */
@Component(service = WebApplicationExceptionMapper.class)
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.getEntity() instanceof Problem) {
            return response; // already said in full (a route away: 503 with Retry-After)
        }
        Optional<Response> tooLarge = BodySizeLimit.tooLarge(e);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return JsonProblems.of(json).toResponse();
        }
        Response.StatusType status = response.getStatusInfo();
        Response problem = Problem.of(status, detail(status.getStatusCode())).toResponse();
        String allow = response.getHeaderString("Allow");
        // keep the header a client needs to recover from a 405
        return allow == null ? problem : Response.fromResponse(problem).header("Allow", allow).build();
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 404 -> "There is no such resource.";
            case 405 -> "This resource does not support that HTTP method.";
            case 406 -> "This resource cannot answer in the media type asked for; it answers application/json.";
            case 415 -> "The request body must be JSON: send Content-Type: application/json.";
            default -> "The request could not be processed.";
        };
    }
}
