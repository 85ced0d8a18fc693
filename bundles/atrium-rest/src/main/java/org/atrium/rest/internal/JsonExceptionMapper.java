package org.atrium.rest.internal;

import java.util.List;
import java.util.stream.Collectors;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.Response.Status;
import javax.ws.rs.ext.ExceptionMapper;

import org.atrium.api.client.FieldError;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.atrium.rest.support.Problem;

/**
 * Malformed or mistyped JSON as a 400 problem that names the field and says what was expected, without
 * Java class names or echoing the rejected value (it may be a tax ID).
 */
@Component(service = JsonExceptionMapper.class)
public class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            // a type Jackson cannot write (or read) is our fault, not the request's
            return unexpected.toResponse(new IllegalStateException(e));
        }
        return problemFor(e).toResponse();
    }

    static Problem problemFor(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message = message(mapping);
            return Problem.typed("invalid-json", "Invalid JSON", Status.BAD_REQUEST,
                    "The request body has an invalid value for '" + field + "': " + message,
                    List.of(new FieldError(field, message)));
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return Problem.typed("invalid-json", "Invalid JSON", Status.BAD_REQUEST,
                "The request body is not valid JSON" + where + ".", null);
    }

    private static String message(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field.";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            Object[] constants = invalid.getTargetType().getEnumConstants();
            return "must be one of " + java.util.Arrays.stream(constants).map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ".";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + describe(mismatched.getTargetType()) + ".";
        }
        return "invalid value.";
    }

    private static String describe(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "text (in quotes)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
