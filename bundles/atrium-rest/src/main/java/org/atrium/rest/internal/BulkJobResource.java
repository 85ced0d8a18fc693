package org.atrium.rest.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.UnknownItemException;
import org.atrium.rest.internal.security.Caller;
import org.atrium.rest.support.InvalidRequestException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/bulk-jobs}: the progress of bulk actions that run in the background. */
@Component(service = BulkJobResource.class)
@Path("bulk-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clients")
public class BulkJobResource {

    private final BulkJobs jobs;

    @Activate
    public BulkJobResource(@Reference BulkJobs jobs) {
        this.jobs = jobs;
    }

    @GET
    @Operation(summary = "Your recent bulk jobs", description = "Newest first; an administrator sees everyone's.")
    public List<BulkJobStatus> list(@QueryParam("limit") Integer limit, @Context SecurityContext security) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 200) {
            throw new InvalidRequestException("limit must be between 1 and 200.");
        }
        return jobs.recent(Caller.actor(security), size);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A bulk job's progress", description = "state QUEUED, RUNNING, WAITING (waitingFor says for "
            + "what; it goes on by itself) or DONE; processed of requested, succeeded, failedCount and the first "
            + "100 failures.")
    public BulkJobStatus get(@PathParam("id") String id, @Context SecurityContext security) {
        return jobs.status(id, Caller.actor(security)).orElseThrow(() -> new UnknownItemException("There is no bulk job "
                + id + " of yours."));
    }
}
