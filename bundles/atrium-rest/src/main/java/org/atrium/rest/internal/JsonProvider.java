package org.atrium.rest.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import org.atrium.rest.support.StrictJson;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import org.atrium.rest.support.Problem;

/**
 * JSON for the Atrium application, strict on input: unknown fields, wrong types (a number where text is
 * expected, so client IDs keep their leading zeros) and trailing garbage are errors, not guesses.
 */
@Component(service = JsonProvider.class)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonProvider extends JacksonJsonProvider {

    static final ObjectMapper MAPPER = StrictJson.mapper();

    public JsonProvider() {
        super(MAPPER);
    }
}
