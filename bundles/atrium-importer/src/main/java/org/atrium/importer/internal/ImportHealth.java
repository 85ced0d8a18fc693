package org.atrium.importer.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atrium.api.health.HealthCheck;
import org.atrium.api.health.HealthResult;
import org.atrium.api.imports.ClientImportJobs;
import org.atrium.api.imports.ImportJob;
import org.atrium.api.imports.ImportState;
import org.atrium.api.security.Actor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code imports} health check: jobs queued and running, and how the last finished one ended. */
@Component(property = HealthCheck.NAME + "=imports")
public class ImportHealth implements HealthCheck {

    /** Enough to find every unfinished job: the importer keeps a bounded history. */
    private static final int JOBS_LOOKED_AT = 1000;

    private final ClientImportJobs jobs;

    @Activate
    public ImportHealth(@Reference ClientImportJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public HealthResult check() {
        List<ImportJob> all = jobs.list(Actor.SYSTEM, JOBS_LOOKED_AT);
        long queued = all.stream().filter(job -> job.state() == ImportState.QUEUED).count();
        long running = all.stream().filter(job -> job.state() == ImportState.RUNNING).count();
        Optional<ImportJob> last = all.stream().filter(job -> job.state().finished() && job.finishedAt() != null)
                .max(Comparator.comparing(ImportJob::finishedAt));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("queued", queued);
        details.put("running", running);
        details.put("lastImportAt", last.map(job -> job.finishedAt().toString()).orElse(null));
        details.put("lastImportState", last.map(job -> job.state().name()).orElse(null));
        details.put("lastImportCreated", last.map(ImportJob::created).orElse(null));
        details.put("lastImportUpdated", last.map(ImportJob::updated).orElse(null));
        String lastText = last.map(job -> job.state() + " " + job.finishedAt().toString().substring(0, 16) + "Z")
                .orElse("none");
        return HealthResult.up(queued + " queued, " + running + " running; last: " + lastText, details);
    }
}
