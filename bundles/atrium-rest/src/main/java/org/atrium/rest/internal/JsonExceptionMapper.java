package org.atrium.rest.internal;

import java.util.Optional;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import org.atrium.rest.support.JsonProblems;

/** Malformed or mistyped JSON as the 400 problem of {@link JsonProblems}. */
@Component(service = JsonExceptionMapper.class)
public class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    @Override
    public Response toResponse(JsonProcessingException e) {
        Optional<Response> tooLarge = BodySizeLimit.tooLarge(e);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        if (e instanceof InvalidDefinitionException) {
            // a type Jackson cannot write (or read) is our fault, not the request's
            return unexpected.toResponse(new IllegalStateException(e));
        }
        return JsonProblems.of(e).toResponse();
    }
}
