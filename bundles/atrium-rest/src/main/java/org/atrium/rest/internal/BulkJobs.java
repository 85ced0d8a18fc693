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
import java.util.concurrent.CopyOnWriteArrayList;
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
    /** The job this process runs now, with its progress in memory: polling it reads no file. */
    private final Map<String, LiveJob> live = new ConcurrentHashMap<>();

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
        List<String> unique = List.copyOf(new LinkedHashSet<>(clientIds));
        BulkJobFiles.Job job = new BulkJobFiles.Job(UUID.randomUUID().toString(), action, actor.name(),
                actor.administrator(), actor.offices(), clock.instant().toString(), unique.size());
        files.create(job, unique);
        runner.execute(() -> run(job));
        LOG.info("{} started bulk job {}: {} for {} client(s)", actor.name(), job.id(), action, unique.size());
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
        LiveJob running = live.get(job.id());
        Optional<Instant> finished = running == null ? files.finishedAt(job.id()) : Optional.empty();
        BulkJobFiles.Progress progress = running == null ? files.progress(job.id()) : running.progress();
        String waitingFor = running == null ? null : running.waitingFor;
        String state = finished.isPresent() ? "DONE" : running == null ? "QUEUED" : waitingFor == null ? "RUNNING"
                : "WAITING";
        return new BulkJobStatus(job.id(), job.action(), state, job.requested(), progress.processed(),
                progress.succeeded(), progress.failedCount(), progress.failed(), job.submittedBy(), job.submittedAt(),
                finished.map(Instant::toString).orElse(null), waitingFor);
    }

    private void run(BulkJobFiles.Job job) {
        LiveJob running = new LiveJob(files.progress(job.id()));
        live.put(job.id(), running);
        try (BufferedWriter progress = files.progressWriter(job.id())) {
            List<String> clientIds = files.clientIds(job.id());
            while (running.processed < clientIds.size()) {
                ClientRegister clients = register;
                Optional<BulkAction> action = actions.action(job.action());
                running.waitingFor = missing(clients, action, job.action()).orElse(null);
                if (running.waitingFor != null) {
                    Thread.sleep(WAIT_MILLIS); // what is missing comes back by itself, if ever
                    continue;
                }
                String clientId = clientIds.get(running.processed);
                Optional<BulkResult.Failure> failure = BulkActions.applyTo(action.get(), job.action(),
                        clients.as(job.actor()), clientId);
                BulkJobFiles.record(progress, clientId, failure);
                running.done(failure);
                if (Thread.currentThread().isInterrupted()) {
                    return; // stopping: the rest waits on disk
                }
            }
            files.finish(job.id(), clock.instant());
            LOG.info("Bulk job {} ({}) done: {} succeeded, {} failed", job.id(), job.action(), running.succeeded,
                    running.failedCount);
            files.prune(KEPT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping while waiting: resumed at the next start
        } catch (IOException | RuntimeException e) {
            LOG.error("Bulk job {} stopped; it resumes at the next start", job.id(), e);
        } finally {
            live.remove(job.id());
        }
    }

    /** The progress of the job being run, as the file has it; written by the runner, read by requests. */
    private static final class LiveJob {
        private volatile int processed;
        private volatile int succeeded;
        private volatile int failedCount;
        private final List<BulkResult.Failure> failed;
        /** What the job waits for; null while it runs. */
        private volatile String waitingFor;

        LiveJob(BulkJobFiles.Progress stored) {
            processed = stored.processed();
            succeeded = stored.succeeded();
            failedCount = stored.failedCount();
            failed = new CopyOnWriteArrayList<>(stored.failed());
        }

        void done(Optional<BulkResult.Failure> failure) {
            if (failure.isPresent()) {
                if (failed.size() < BulkJobFiles.FAILURES_SHOWN) {
                    failed.add(failure.get());
                }
                failedCount++;
            } else {
                succeeded++;
            }
            processed++;
        }

        BulkJobFiles.Progress progress() {
            return new BulkJobFiles.Progress(processed, succeeded, failedCount, List.copyOf(failed));
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
