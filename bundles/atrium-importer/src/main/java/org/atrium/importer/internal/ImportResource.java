package org.atrium.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.FieldError;
import org.atrium.api.imports.ClientImportJobs;
import org.atrium.api.imports.ImportJob;
import org.atrium.api.imports.ImportState;
import org.atrium.api.imports.ImportUploadException;
import org.atrium.api.rest.ApiRoute;
import org.atrium.api.security.Actor;
import org.atrium.rest.support.RouteContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/imports}: the CSV template, import jobs, their error CSVs, and undo. */
@Component(service = ApiRoute.class, property = ApiRoute.ROUTE + "=imports")
@Path("imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Bulk import and bulk edit of clients from the CSV template")
public class ImportResource implements ApiRoute {

    static final String TEXT_CSV = "text/csv";
    static final int MAX_LIMIT = 500;

    /** A job as the API shows it: times as ISO text. */
    public record ImportJobJson(String id, ImportState state, boolean dryRun, String stage, long rowsTotal,
            long rowsProcessed, long created, long updated, long errorCount, String submittedBy, String submittedAt,
            String finishedAt, String reason, String revertedAt, long taxIdsCleared) {

        static ImportJobJson of(ImportJob job) {
            return new ImportJobJson(job.id(), job.state(), job.dryRun(), job.stage(), job.rowsTotal(),
                    job.rowsProcessed(), job.created(), job.updated(), job.errorCount(), job.submittedBy(),
                    text(job.submittedAt()), text(job.finishedAt()), job.reason(), text(job.revertedAt()),
                    job.taxIdsCleared());
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    private final ClientImportJobs jobs;
    private final RouteContext route;

    @Activate
    public ImportResource(@Reference ClientImportJobs jobs, @Reference RouteContext route) {
        this.jobs = jobs;
        this.route = route;
    }

    @GET
    @Path("template")
    @Produces(TEXT_CSV)
    @Operation(summary = "Download the CSV template", description = "The header row every import file starts with.")
    public Response template() {
        return Response.ok(jobs.template(), TEXT_CSV + "; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(ClientImportJobs.TEMPLATE_FILE_NAME)).build();
    }

    @POST
    @Consumes({TEXT_CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import a CSV file", description = "The file as the body. Answers 202 with the job at once; "
            + "the work runs in the background. All rows are checked first; nothing is written unless all pass.")
    public Response upload(InputStream body, @Parameter(description = "check only, write nothing")
            @QueryParam("dryRun") @DefaultValue("false") String dryRun, @Context UriInfo uri,
            @Context SecurityContext security) throws IOException {
        return accepted(jobs.submit(body, actor(security), flag(dryRun)), uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import a CSV file sent as a form", description = "The file in the form field 'file' "
            + "(or the form's only file).")
    public Response uploadForm(MultipartBody form, @QueryParam("dryRun") @DefaultValue("false") String dryRun,
            @Context UriInfo uri, @Context SecurityContext security) throws IOException {
        Attachment file = Optional.ofNullable(form.getAttachment("file")).orElseGet(() -> onlyFile(form));
        try (InputStream in = file.getObject(InputStream.class)) {
            return accepted(jobs.submit(in, actor(security), flag(dryRun)), uri);
        }
    }

    @GET
    @Operation(summary = "Recent import jobs", description = "Newest first; staff see their own, administrators all.")
    public List<ImportJobJson> list(@QueryParam("limit") @DefaultValue("50") String limit,
            @Context SecurityContext security) {
        return jobs.list(actor(security), limit(limit)).stream().map(ImportJobJson::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An import job", description = "State, progress and counts.")
    public ImportJobJson get(@PathParam("id") String id, @Context SecurityContext security) {
        return ImportJobJson.of(jobs.get(id, actor(security)));
    }

    @GET
    @Path("{id}/errors")
    @Produces(TEXT_CSV)
    @Operation(summary = "The problems of an import, as CSV", description = "Row,Client ID,Column,Message: one "
            + "line per problem. Only the header when there were none; 409 while the job has not finished.")
    public Response errors(@PathParam("id") String id, @Context SecurityContext security) throws IOException {
        Actor actor = actor(security);
        ImportJob job = jobs.get(id, actor);
        if (!job.state().finished()) {
            throw new ClientConflictException(List.of(new FieldError("", "Import job " + id + " is " + job.state()
                    + "; its problems are known when it has finished.")));
        }
        Object content = jobs.errors(id, actor).map(Object.class::cast)
                .orElseGet(() -> String.join(",", ErrorCsv.HEADER) + "\r\n");
        return Response.ok(content, TEXT_CSV + "; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("atrium-import-errors-" + id + ".csv")).build();
    }

    @POST
    @Path("{id}/revert")
    @Operation(summary = "Undo a succeeded import", description = "Deletes the clients it created and restores the "
            + "previous values of those it updated. 409 naming the clients that changed since, and nothing is "
            + "changed, if any did.")
    public ImportJobJson revert(@PathParam("id") String id, @Context SecurityContext security) {
        return ImportJobJson.of(jobs.revert(id, actor(security)));
    }

    private static Response accepted(ImportJob job, UriInfo uri) {
        URI location = uri.getBaseUriBuilder().path("imports").path(job.id()).build();
        return Response.accepted(ImportJobJson.of(job)).location(location).build();
    }

    private static Attachment onlyFile(MultipartBody form) {
        List<Attachment> files = form.getAllAttachments().stream()
                .filter(a -> String.valueOf(a.getHeader("Content-Disposition")).contains("filename="))
                .toList();
        if (files.size() != 1) {
            throw new ImportUploadException("Send the CSV file in the form field 'file'.", false);
        }
        return files.get(0);
    }

    private Actor actor(SecurityContext security) {
        return route.actor(security);
    }

    private static boolean flag(String value) {
        if ("true".equalsIgnoreCase(value.strip())) {
            return true;
        }
        if ("false".equalsIgnoreCase(value.strip())) {
            return false;
        }
        throw new ImportUploadException("dryRun must be true or false, not '" + value + "'.", false);
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new ImportUploadException("limit must be a whole number from 1 to " + MAX_LIMIT + ".", false);
    }

    private static String attachment(String fileName) {
        return "attachment; filename=\"" + fileName + "\"";
    }
}
