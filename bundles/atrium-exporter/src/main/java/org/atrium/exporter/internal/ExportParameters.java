package org.atrium.exporter.internal;

import java.util.Arrays;
import java.util.List;

import javax.ws.rs.QueryParam;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.export.ExportRequest;
import org.atrium.rest.support.ClientSearchParameters;

import io.swagger.v3.oas.annotations.Parameter;

/** The query of an export: the client list's search and sort, plus the columns and revealTaxIds. */
public class ExportParameters {

    @QueryParam("q")
    @Parameter(description = "As for GET /clients: client ID, name or email (partial), or an SSN/EIN")
    String q;

    @QueryParam("status")
    String status;

    @QueryParam("portalAccess")
    String portalAccess;

    @QueryParam("office")
    String office;

    @QueryParam("invitationFailed")
    String invitationFailed;

    @QueryParam("sort")
    @Parameter(description = "field, field,asc or field,desc, as for GET /clients")
    String sort;

    @QueryParam("columns")
    @Parameter(description = "Column names, comma-separated, in the order wanted (GET /exports/columns); "
            + "the default columns when absent")
    String columns;

    @QueryParam("revealTaxIds")
    @Parameter(description = "true: full SSN/EIN instead of masked ones; administrators only, audited")
    String revealTaxIds;

    ExportRequest toRequest() {
        ClientFilter filter = ClientSearchParameters.filter(q, status, portalAccess, office, invitationFailed);
        ClientQuery order = ClientSearchParameters.query(filter, sort, null, null);
        return new ExportRequest(filter, order.sort(), order.descending(), columnNames(columns),
                Boolean.TRUE.equals(ClientSearchParameters.bool("revealTaxIds", revealTaxIds)));
    }

    /** {@code a, b,,c} is a, b, c: spaces and empty names are left out. */
    static List<String> columnNames(String columns) {
        if (columns == null) {
            return List.of();
        }
        return Arrays.stream(columns.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }
}
