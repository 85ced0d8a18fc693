package org.atrium.api.client;

/**
 * One broken rule.
 *
 * @param field the field's name as the REST API spells it, e.g. {@code spouse.email}
 * @param message what is wrong, in words a person understands
 */
public record FieldError(String field, String message) {
}
