package org.atrium.exporter.internal;

import java.io.IOException;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.export.ClientExports;
import org.atrium.api.export.ExportColumnInfo;
import org.atrium.api.export.ExportFormat;
import org.atrium.api.export.ExportRequest;
import org.atrium.api.export.PreparedExport;
import org.atrium.api.rest.ApiRoute;
import org.atrium.api.security.Actor;
import org.atrium.rest.support.ClientSearchParameters;
import org.atrium.rest.support.RouteContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/exports}: the client list as an Excel or CSV file, and the columns it can have. */
@Component(service = ApiRoute.class, property = ApiRoute.ROUTE + "=exports")
@Path("exports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exports", description = "The client list as a spreadsheet, with the columns the user chose")
public class ExportResource implements ApiRoute {

    private static final Logger LOG = LoggerFactory.getLogger(ExportResource.class);

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";

    private final ClientExports exports;
    private final RouteContext route;

    @Activate
    public ExportResource(@Reference ClientExports exports, @Reference RouteContext route) {
        this.exports = exports;
        this.route = route;
    }

    @GET
    @Path("columns")
    @Operation(summary = "The columns an export can have", description = "name (for columns=), label (the header), "
            + "byDefault (in an export that names no columns)")
    public List<ExportColumnInfo> columns() {
        return exports.columns();
    }

    @GET
    @Path("clients.{format: xlsx|csv}")
    @Produces({XLSX, CSV})
    @Operation(summary = "Export clients to Excel (.xlsx) or CSV", description = "Every client matching the search "
            + "(all pages, only the caller's office locations), in the list's order, with the chosen columns. The CSV "
            + "has the import template's value formats, UTF-8 with a byte order mark.")
    public Response export(@Parameter(description = "xlsx or csv") @PathParam("format") String format,
            @Parameter(description = "As for GET /clients: client ID, name or email (partial), or an SSN/EIN")
            @QueryParam("q") String q, @QueryParam("status") String status,
            @QueryParam("portalAccess") String portalAccess, @QueryParam("office") String office,
            @QueryParam("invitationFailed") String invitationFailed,
            @Parameter(description = "field, field,asc or field,desc, as for GET /clients") @QueryParam("sort") String sort,
            @Parameter(description = "Column names, comma-separated, in the order wanted (GET /exports/columns); the "
                    + "default columns when absent") @QueryParam("columns") String columns,
            @Parameter(description = "true: full SSN/EIN instead of masked ones; administrators only, audited")
            @QueryParam("revealTaxIds") String revealTaxIds, @Context SecurityContext security) {
        ClientFilter filter = ClientSearchParameters.filter(q, status, portalAccess, office, invitationFailed);
        ClientQuery order = ClientSearchParameters.query(filter, sort, null, null);
        ExportRequest request = new ExportRequest(filter, order.sort(), order.descending(),
                ExportRequest.columnNames(columns), Boolean.TRUE.equals(ClientSearchParameters.bool("revealTaxIds", revealTaxIds)));
        return export(request, format.equals("csv") ? ExportFormat.CSV : ExportFormat.XLSX, security);
    }

    private Response export(ExportRequest request, ExportFormat format, SecurityContext security) {
        // every check happens here, while a problem can still be answered as such
        Actor actor = route.actor(security);
        PreparedExport export = exports.prepare(request, format, actor);
        return Response.ok(body(export, actor), format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                // taxpayer data: no copy in a browser's or proxy's cache
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * Writes the file to the client. A client that goes away mid-download (a closed tab, a cancel) is the
     * user's choice: a line of INFO, not an error with a stack trace, and the export's reservation is freed.
     */
    static StreamingOutput body(PreparedExport export, Actor actor) {
        return out -> {
            DownloadOutput download = new DownloadOutput(out);
            try (export) {
                export.writeTo(download);
            } catch (IOException | RuntimeException e) {
                if (!download.broken()) {
                    throw e;
                }
                // answered already (the status went out with the first bytes): nothing left to tell anyone
                LOG.info("{} stopped downloading {} before its end (the connection closed)", actor.name(),
                        export.fileName());
            }
        };
    }
}
