package org.atrium.rest.internal;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.atrium.api.client.AtriumException;
import org.atrium.rest.support.Problem;
import org.osgi.service.component.annotations.Component;

/** Atrium's exceptions as problems: 400 invalid, 404 unknown, 409 taken or stale. */
@Component(service = AtriumExceptionMapper.class)
public class AtriumExceptionMapper implements ExceptionMapper<AtriumException> {

    @Override
    public Response toResponse(AtriumException e) {
        return Problem.of(e).toResponse();
    }
}
