package org.atrium.api.office;

/**
 * An office of the firm.
 *
 * @param number the location number clients and users refer to
 */
public record OfficeLocation(int number, String name) {
}
