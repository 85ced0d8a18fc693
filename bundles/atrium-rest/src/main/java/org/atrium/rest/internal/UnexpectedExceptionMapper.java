package org.atrium.rest.internal;

import java.util.UUID;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.Response.Status;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.atrium.rest.support.Problem;

/**
 * A fault of ours: 500 with an incident number the operator finds in the log; the stack trace stays in
 * the log and never reaches the client.
 */
@Component(service = UnexpectedExceptionMapper.class)
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(RuntimeException e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected error, incident {}", incident, e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR,
                "Atrium could not complete the request because of an internal error (incident " + incident + ").")
                .toResponse();
    }
}
