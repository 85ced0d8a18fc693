package org.atrium.rest.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.atrium.api.client.BulkAction;
import org.atrium.api.client.BulkResult;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.ServiceUnavailableException;
import org.atrium.api.security.Actor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk actions over many clients, run one job at a time on a thread of their own so that no request waits
 * for a hundred thousand clients. Jobs are stored as they go (see {@link BulkJobFiles}): when this bundle
 * stops mid-job (an update, a restart), the job resumes at its next client when it starts again. While the
 * action's bundle or something it needs is away (the onboarding feature, the mailer), the job waits and
 * goes on when it is back: nothing is lost to a hot swap.
 */
@Component(service = BulkJobs.class)
public class BulkJobs {

    static final int KEPT = 200;
    private static final Logger LOG = LoggerFactory.getLogger(BulkJobs.class);
    private static final long WAIT_MILLIS = 2_000;

    private final BulkActions actions;
    private final BulkJobFiles files;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "atrium-bulk-jobs");
        thread.setDaemon(true);
        return thread;
    });
    /** What a job in this process is doing now: RUNNING, or WAITING with what for. */
    private final Map<String, String> live = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClientRegister register;

    @Activate
    public BulkJobs(@Reference BulkActions actions, BundleContext context) {
        this(actions, new BulkJobFiles(Path.of(context.getProperty("karaf.data"), "atrium", "bulk")), Clock.systemUTC());
    }

    BulkJobs(BulkActions actions, BulkJobFiles files, Clock clock) {
        this.actions = actions;
        this.files = files;
        this.clock = clock;
        for (BulkJobFiles.Job unfinished : files.all()) {
            if (files.finishedAt(unfinished.id()).isEmpty()) {
                LOG.info("Bulk job {} ({}) resumes where it stopped", unfinished.id(), unfinished.action());
                runner.execute(() -> run(unfinished));
            }
        }
    }

    /** For tests: the register, which DS gives in Karaf. */
    BulkJobs with(ClientRegister clients) {
        this.register = clients;
        return this;
    }

    @Deactivate
    void stop() throws InterruptedException {
        // the client being processed finishes; the rest of the job waits on disk for the next start
        runner.shutdownNow();
        runner.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** Stores the job and queues it; each client is done once however often it is named. */
    BulkJobStatus submit(String action, Actor actor, List<String> clientIds) {
        BulkJobFiles.Job job = new BulkJobFiles.Job(UUID.randomUUID().toString(), action, actor.name(),
                actor.administrator(), actor.offices(), clock.instant().toString(),
                List.copyOf(new LinkedHashSet<>(clientIds)));
        files.create(job);
        runner.execute(() -> run(job));
        LOG.info("{} started bulk job {}: {} for {} client(s)", actor.name(), job.id(), action, job.clientIds().size());
        return status(job);
    }

    /** A job the actor may see: their own, or any for an administrator. */
    Optional<BulkJobStatus> status(String id, Actor actor) {
        return files.job(id).filter(job -> actor.administrator() || job.submittedBy().equals(actor.name()))
                .map(this::status);
    }

    /** The actor's jobs (an administrator's: everyone's), newest first. */
    List<BulkJobStatus> recent(Actor actor, int limit) {
        List<BulkJobStatus> jobs = new ArrayList<>();
        List<BulkJobFiles.Job> all = files.all();
        for (int i = all.size() - 1; i >= 0 && jobs.size() < limit; i--) {
            BulkJobFiles.Job job = all.get(i);
            if (actor.administrator() || job.submittedBy().equals(actor.name())) {
                jobs.add(status(job));
            }
        }
        return jobs;
    }

    private BulkJobStatus status(BulkJobFiles.Job job) {
        BulkJobFiles.Progress progress = files.progress(job.id());
        Optional<Instant> finished = files.finishedAt(job.id());
        String now = live.get(job.id());
        String state = finished.isPresent() ? "DONE" : now == null ? "QUEUED" : now.equals("RUNNING") ? "RUNNING"
                : "WAITING";
        return new BulkJobStatus(job.id(), job.action(), state, job.clientIds().size(), progress.processed(),
                progress.succeeded(), progress.failedCount(), progress.failed(), job.submittedBy(), job.submittedAt(),
                finished.map(Instant::toString).orElse(null), state.equals("WAITING") ? now : null);
    }

    private void run(BulkJobFiles.Job job) {
        try (BufferedWriter progress = files.progressWriter(job.id())) {
            List<String> clientIds = job.clientIds();
            int next = files.progress(job.id()).processed();
            while (next < clientIds.size()) {
                ClientRegister clients = register;
                Optional<BulkAction> action = actions.action(job.action());
                Optional<String> missing = missing(clients, action, job.action());
                if (missing.isPresent()) {
                    live.put(job.id(), missing.get());
                    Thread.sleep(WAIT_MILLIS); // what is missing comes back by itself, if ever
                    continue;
                }
                live.put(job.id(), "RUNNING");
                String clientId = clientIds.get(next);
                BulkJobFiles.record(progress, clientId, BulkActions.applyTo(action.get(), job.action(),
                        clients.as(job.actor()), clientId));
                next++;
                if (Thread.currentThread().isInterrupted()) {
                    return; // stopping: the rest waits on disk
                }
            }
            files.finish(job.id(), clock.instant());
            BulkJobFiles.Progress done = files.progress(job.id());
            LOG.info("Bulk job {} ({}) done: {} succeeded, {} failed", job.id(), job.action(), done.succeeded(),
                    done.failedCount());
            files.prune(KEPT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping while waiting: resumed at the next start
        } catch (IOException | RuntimeException e) {
            LOG.error("Bulk job {} stopped; it resumes at the next start", job.id(), e);
        } finally {
            live.remove(job.id());
        }
    }

    /** What the job waits for, if anything: the register, the action's bundle, or what the action needs. */
    private static Optional<String> missing(ClientRegister clients, Optional<BulkAction> action, String name) {
        if (clients == null) {
            return Optional.of("The client register is starting.");
        }
        if (action.isEmpty()) {
            return Optional.of("The action " + name + " is not available: its feature is not running.");
        }
        try {
            action.get().checkAvailable();
            return Optional.empty();
        } catch (ServiceUnavailableException e) {
            return Optional.of(e.getMessage());
        }
    }
}
