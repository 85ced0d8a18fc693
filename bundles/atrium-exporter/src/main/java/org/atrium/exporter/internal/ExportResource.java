package org.atrium.exporter.internal;

import java.util.List;

import javax.ws.rs.BeanParam;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import org.atrium.api.export.ClientExports;
import org.atrium.api.export.ExportColumnInfo;
import org.atrium.api.export.ExportFormat;
import org.atrium.api.export.PreparedExport;
import org.atrium.api.rest.ApiRoute;
import org.atrium.api.security.ActorPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/exports}: the client list as an Excel or CSV file, and the columns it can have. */
@Component(service = ApiRoute.class, property = ApiRoute.ROUTE + "=exports")
@Path("exports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exports", description = "The client list as a spreadsheet, with the columns the user chose")
public class ExportResource implements ApiRoute {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";

    private final ClientExports exports;

    @Activate
    public ExportResource(@Reference ClientExports exports) {
        this.exports = exports;
    }

    @GET
    @Path("columns")
    @Operation(summary = "The columns an export can have", description = "name (for columns=), label (the header), "
            + "byDefault (in an export that names no columns)")
    public List<ExportColumnInfo> columns() {
        return exports.columns();
    }

    @GET
    @Path("clients.xlsx")
    @Produces(XLSX)
    @Operation(summary = "Export clients to Excel", description = "Every client matching the search (all pages, "
            + "only the caller's office locations), in the list's order, with the chosen columns.")
    public Response xlsx(@BeanParam ExportParameters parameters, @Context SecurityContext security) {
        return export(parameters, ExportFormat.XLSX, security);
    }

    @GET
    @Path("clients.csv")
    @Produces(CSV)
    @Operation(summary = "Export clients to CSV", description = "As clients.xlsx, in the import template's value "
            + "formats; UTF-8 with a byte order mark.")
    public Response csv(@BeanParam ExportParameters parameters, @Context SecurityContext security) {
        return export(parameters, ExportFormat.CSV, security);
    }

    private Response export(ExportParameters parameters, ExportFormat format, SecurityContext security) {
        // every check happens here, while a problem can still be answered as such
        PreparedExport export = exports.prepare(parameters.toRequest(), format,
                ((ActorPrincipal) security.getUserPrincipal()).actor());
        StreamingOutput body = out -> {
            try (export) {
                export.writeTo(out);
            }
        };
        return Response.ok(body, format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                // taxpayer data: no copy in a browser's or proxy's cache
                .header("Cache-Control", "no-store")
                .build();
    }
}
