package org.atrium.api.export;

import java.util.Arrays;
import java.util.List;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.SortField;

/**
 * What to export: every client matching the filter (all pages) that the actor may see, in the list's order.
 *
 * @param columns column names in the order wanted; empty for the default columns
 * @param revealTaxIds full SSN/EIN instead of the masked ones: administrators only, and audited
 */
public record ExportRequest(ClientFilter filter, SortField sort, boolean descending, List<String> columns,
        boolean revealTaxIds) {

    public ExportRequest {
        filter = filter == null ? ClientFilter.ALL : filter;
        sort = sort == null ? SortField.CLIENT_ID : sort;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** Every client, default columns, masked tax IDs. */
    public static final ExportRequest ALL = new ExportRequest(null, null, false, null, false);

    /** Column names as users write them, comma-separated: {@code a, b,,c} is a, b, c; {@code null} is none. */
    public static List<String> columnNames(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }
}
