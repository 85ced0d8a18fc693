package org.atrium.api.audit;

/**
 * One field an audited change touched, with its value before and after as text ({@code null} when the field
 * was empty or the record did not exist). Tax IDs are always masked.
 */
public record FieldChange(String field, String from, String to) {
}
