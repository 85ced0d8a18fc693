package org.atrium.rest.support;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.client.SortField;

/**
 * Reads the list's query parameters. Each bad value is a 400 that names the parameter (JAX-RS's own
 * conversion would answer an unhelpful 404).
 */
public final class ClientSearchParameters {

    private ClientSearchParameters() {
    }

    public static ClientFilter filter(String q, String status, String portalAccess, String office) {
        return filter(q, status, portalAccess, office, null);
    }

    public static ClientFilter filter(String q, String status, String portalAccess, String office, String invitationFailed) {
        return new ClientFilter(blankToNull(q), status(status), bool("portalAccess", portalAccess),
                integer("office", office, 1, Integer.MAX_VALUE), bool("invitationFailed", invitationFailed));
    }

    public static ClientQuery query(ClientFilter filter, String sort, String page, String size) {
        Integer pageNumber = integer("page", page, 0, Integer.MAX_VALUE);
        Integer pageSize = integer("size", size, 1, ClientQuery.MAX_SIZE);
        SortField field = SortField.CLIENT_ID;
        boolean descending = false;
        if (blankToNull(sort) != null) {
            String[] parts = sort.strip().split(",", -1);
            String name = parts[0].strip();
            if (name.startsWith("-")) {
                descending = true;
                name = name.substring(1);
            }
            field = SortField.byApiName(name).orElseThrow(() -> new InvalidRequestException("Unknown sort field '"
                    + parts[0].strip() + "'. Sort by one of: " + Arrays.stream(SortField.values())
                            .map(SortField::apiName).collect(Collectors.joining(", ")) + " (e.g. sort=name,desc)."));
            if (parts.length == 2 && parts[1].strip().equalsIgnoreCase("desc")) {
                descending = true;
            } else if (parts.length > 2 || parts.length == 2 && !parts[1].strip().equalsIgnoreCase("asc")) {
                throw new InvalidRequestException("sort is written field or field,asc or field,desc (e.g. sort=name,desc).");
            }
        }
        return new ClientQuery(filter, field, descending, pageNumber == null ? 0 : pageNumber,
                pageSize == null ? ClientQuery.DEFAULT_SIZE : pageSize);
    }

    public static RegistrationStatus status(String status) {
        if (blankToNull(status) == null) {
            return null;
        }
        try {
            return RegistrationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Unknown status '" + status + "'. Use one of: "
                    + Arrays.stream(RegistrationStatus.values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
        }
    }

    public static Boolean bool(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidRequestException(name + " must be true or false.");
        };
    }

    public static Integer integer(String name, String value, int min, int max) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw new InvalidRequestException(name + " must be between " + min + " and " + max + ".");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be a whole number.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
