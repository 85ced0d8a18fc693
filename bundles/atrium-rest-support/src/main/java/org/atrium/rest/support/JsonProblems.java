package org.atrium.rest.support;

import java.util.List;
import java.util.stream.Collectors;

import javax.ws.rs.core.Response.Status;

import org.atrium.api.client.FieldError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Malformed or mistyped JSON as a 400 problem that names the field and says what was expected in the user's
 * terms: no Java class names, no echo of the rejected value (it may be a tax ID). The staff API and the client
 * portal answer alike.
 */
public final class JsonProblems {

    /** Jackson's words for a field given twice (StreamReadFeature.STRICT_DUPLICATE_DETECTION). */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate field '(.*)'");

    private JsonProblems() {
    }

    /** The problem for JSON that could not be read into what was expected. */
    public static Problem of(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message = message(mapping);
            return Problem.typed("invalid-json", "Invalid JSON", Status.BAD_REQUEST,
                    "The request body has an invalid value for '" + field + "': " + message,
                    List.of(new FieldError(field, message)));
        }
        java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            String field = duplicate.group(1);
            return Problem.typed("invalid-json", "Invalid JSON", Status.BAD_REQUEST, "The field '" + field
                    + "' appears more than once in the request body; send it once.",
                    List.of(new FieldError(field, "given more than once.")));
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
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
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
