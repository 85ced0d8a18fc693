package org.atrium.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.UnknownItemException;

import org.atrium.api.imports.ClientImportJobs;
import org.atrium.api.imports.ImportJob;
import org.atrium.api.imports.ImportLedger;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportState;
import org.atrium.api.imports.ImportUploadException;
import org.atrium.api.keys.SecretKeys;
import org.atrium.api.mail.Mailer;
import org.atrium.api.security.Actor;
import org.atrium.api.security.UserGrants;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import jobs: uploads are stored under {@code data/atrium/imports/} and run one at a time, in order, on one
 * worker thread, so two imports never interleave their writes. When the importer stops (update, removal,
 * shutdown) the running job stops, what it wrote is taken back (see ImportLedger#apply), and it is queued
 * again; queued jobs wait on disk for the next start. A job found running at start was cut off by a crash: the
 * register tells whether the import was applied in full (else it takes back what was written), and the job is
 * marked accordingly.
 */
@Component(service = ClientImportJobs.class, configurationPid = "atrium.importer")
@Designate(ocd = ImporterConfig.class)
public class CsvImportJobs implements ClientImportJobs {

    private static final Logger LOG = LoggerFactory.getLogger(CsvImportJobs.class);
    private static final long MEGABYTE = 1024L * 1024L;
    /** Beside the imports folder (data/atrium/import-upload.key), not in it. */
    /** The uploads' own key of earlier versions, used while uploads made with it wait. */
    static final String EARLIER_UPLOAD_KEY = "import-upload.key";

    /** A job's current state and the user it runs as; waiters are woken on every change. */
    private static final class Entry {
        private final Actor submitter;
        private ImportJob job;

        Entry(ImportJob job, Actor submitter) {
            this.job = job;
            this.submitter = submitter;
        }

        synchronized ImportJob job() {
            return job;
        }

        synchronized void set(ImportJob changed) {
            job = changed;
            notifyAll();
        }
    }

    private final ImportLedger ledger;
    private final JobStore store;
    private final UploadCipher uploads;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Entry> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "atrium-import");
        thread.setDaemon(true);
        return thread;
    });
    /** Optional: without the mailer, jobs still run and their outcome stays available over REST. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Mailer mailer;
    /** The submitters' email addresses. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserGrants grants;
    private final ResultMail resultMail = new ResultMail();
    private volatile ImporterConfig config;
    private volatile boolean stopping;

    @Activate
    public CsvImportJobs(@Reference ImportLedger ledger, @Reference SecretKeys keys, BundleContext context,
            ImporterConfig config) throws IOException {
        this(ledger, new JobStore(root(context)), keys, root(context).resolveSibling(EARLIER_UPLOAD_KEY), config);
    }

    private CsvImportJobs(ImportLedger ledger, JobStore store, SecretKeys keys, Path earlierUploadKey,
            ImporterConfig config) throws IOException {
        this(ledger, store, UploadCipher.choose(keys, earlierUploadKey, store.anyUpload()), config);
    }

    CsvImportJobs(ImportLedger ledger, JobStore store, UploadCipher uploads, ImporterConfig config)
            throws IOException {
        this.ledger = ledger;
        this.store = store;
        this.uploads = uploads;
        this.config = config;
        for (JobStore.StoredJob stored : store.loadAll()) {
            Entry entry = new Entry(stored.job(), stored.submitter());
            jobs.put(stored.job().id(), entry);
            switch (stored.job().state()) {
                case QUEUED -> worker.execute(() -> run(entry));
                case RUNNING -> recoverCutOff(entry);
                default -> store.deleteUpload(stored.job().id());
            }
        }
    }

    private static Path root(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data, "atrium", "imports") : context.getDataFile("imports").toPath();
    }

    @Modified
    void modified(ImporterConfig changed) {
        config = changed;
    }

    @Deactivate
    void stop() throws InterruptedException {
        stopping = true; // the running job notices at its next row, rolls back and is queued again
        worker.shutdown();
        if (!worker.awaitTermination(2, TimeUnit.MINUTES)) {
            LOG.warn("The running import did not stop within 2 minutes; it is rolled back when Atrium stops.");
        }
    }

    @Override
    public String template() {
        return ImportTemplate.content();
    }

    /** The upload is kept encrypted and readable only by Atrium's user until its job ends. */
    @Override
    public ImportJob submit(InputStream csv, Actor submitter, boolean dryRun) throws IOException {
        String id = UUID.randomUUID().toString();
        Path part = store.privateFile(id, JobStore.UPLOAD + ".part");
        long limit = config.max_file_mb() * MEGABYTE;
        try (InputStream in = csv; OutputStream out = uploads.encrypt(Files.newOutputStream(part))) {
            in.transferTo(new LimitedOutputStream(out, limit));
        } catch (LimitedOutputStream.LimitExceeded e) {
            store.delete(id);
            throw new ImportUploadException("The file is larger than " + config.max_file_mb() + " MB, the most an"
                    + " import takes (setting max.file.mb of atrium.importer). Split it into several files.", true);
        } catch (IOException | RuntimeException e) {
            store.delete(id);
            throw e;
        }
        Files.move(part, store.upload(id), StandardCopyOption.ATOMIC_MOVE);
        ImportJob job = new ImportJob(id, ImportState.QUEUED, dryRun, null, 0, 0, 0, 0, 0, submitter.name(),
                clock.instant(), null, null, null);
        store.save(job, submitter);
        Entry entry = new Entry(job, submitter);
        jobs.put(id, entry);
        pruneOldJobs();
        worker.execute(() -> run(entry));
        LOG.info("Import job {} queued by {} ({})", id, submitter.name(), dryRun ? "dry run" : "import");
        return job;
    }

    @Override
    public ImportJob get(String jobId, Actor viewer) {
        return visible(jobId, viewer).job();
    }

    @Override
    public List<ImportJob> list(Actor viewer, int limit) {
        return jobs.values().stream().map(Entry::job).filter(job -> mayView(viewer, job))
                .sorted(Comparator.comparing(ImportJob::submittedAt).reversed()).limit(limit).toList();
    }

    @Override
    public Optional<InputStream> errors(String jobId, Actor viewer) throws IOException {
        visible(jobId, viewer);
        Path errors = store.errors(jobId);
        return Files.exists(errors) ? Optional.of(Files.newInputStream(errors)) : Optional.empty();
    }

    @Override
    public ImportJob revert(String jobId, Actor actor) {
        Entry entry = visible(jobId, actor);
        ImportJob job = entry.job();
        if (job.dryRun()) {
            throw conflict("Import job " + jobId + " was a dry run: it wrote nothing, so there is nothing to revert.");
        }
        if (job.state() != ImportState.SUCCEEDED) {
            throw conflict("Import job " + jobId + " is " + job.state() + ": only a succeeded import can be reverted.");
        }
        if (job.revertedAt() != null) {
            throw conflict("Import job " + jobId + " was already reverted at " + job.revertedAt() + ".");
        }
        ledger.as(actor).revert(jobId);
        ImportJob reverted = copy(job, job.state(), null, job.rowsProcessed(), job.errorCount(), job.finishedAt(),
                job.reason(), clock.instant());
        entry.set(reverted);
        store.save(reverted, entry.submitter);
        LOG.info("Import job {} reverted by {}", jobId, actor.name());
        return reverted;
    }

    @Override
    public ImportJob await(String jobId, Actor viewer, Duration timeout) throws InterruptedException {
        Entry entry = visible(jobId, viewer);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (entry) {
            while (!entry.job.state().finished()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                entry.wait(left);
            }
            return entry.job;
        }
    }

    // --- running

    private void run(Entry entry) {
        if (stopping) {
            return; // stays QUEUED on disk for the next start
        }
        ImportJob queued = entry.job();
        String id = queued.id();
        update(entry, copy(queued, ImportState.RUNNING, ImportRun.READING, 0, 0, null, null, null), true);
        ImportRun.Outcome outcome;
        try {
            Path upload = store.upload(id);
            ImportRun.Progress progress = (stage, total, processed) -> update(entry,
                    progress(entry.job(), stage, total, processed), false);
            outcome = new ImportRun(id, () -> uploads.decrypt(Files.newInputStream(upload)), queued.dryRun(),
                    ledger.as(entry.submitter), config.max_errors(), progress, () -> stopping).run();
        } catch (RuntimeException | IOException e) {
            if (causedByStop(e)) {
                update(entry, queued, true);
                LOG.info("Import job {} was rolled back as the importer stopped; it runs again at the next start", id);
                return;
            }
            LOG.error("Import job {} failed on an internal error; nothing was written", id, e);
            outcome = new ImportRun.Outcome(ImportState.FAILED, entry.job().rowsTotal(), 0, 0, List.of(), false,
                    "The import stopped on an internal error (" + e.getClass().getSimpleName() + "); nothing was "
                            + "written. The server log has the details.");
        }
        finish(entry, outcome);
    }

    private void finish(Entry entry, ImportRun.Outcome outcome) {
        String id = entry.job().id();
        try {
            if (!outcome.errors().isEmpty()) {
                ErrorCsv.write(store.errors(id), outcome.errors(), outcome.capped(), config.max_errors());
            }
        } catch (IOException e) {
            LOG.error("Cannot write the error CSV of import job {}", id, e);
        }
        ImportJob running = entry.job();
        ImportJob finished = new ImportJob(id, outcome.state(), running.dryRun(), null, outcome.rowsTotal(),
                outcome.rowsTotal(), outcome.created(), outcome.updated(), outcome.errors().size(),
                running.submittedBy(), running.submittedAt(), clock.instant(), outcome.reason(), null,
                outcome.taxIdsCleared());
        store.save(finished, entry.submitter);
        store.deleteUpload(id);
        entry.set(finished); // announced once the upload is gone
        LOG.info("Import job {} {}: {} rows, {} created, {} updated, {} problem(s)", id, finished.state(),
                finished.rowsTotal(), finished.created(), finished.updated(), finished.errorCount());
        if (!finished.dryRun()) {
            resultMail.send(mailer, grants, finished, store.errors(id));
        }
    }

    /** A job that was running when Atrium went down: the register applied its import in full or takes it back. */
    private void recoverCutOff(Entry entry) {
        ImportJob job = entry.job();
        Optional<ImportResult> applied = ledger.find(job.id());
        ImportJob recovered = applied
                .map(result -> new ImportJob(job.id(), ImportState.SUCCEEDED, false, null, job.rowsTotal(),
                        job.rowsTotal(), result.created(), result.updated(), 0, job.submittedBy(), job.submittedAt(),
                        clock.instant(), null, null))
                .orElseGet(() -> new ImportJob(job.id(), ImportState.FAILED, job.dryRun(), null, job.rowsTotal(),
                        job.rowsProcessed(), 0, 0, 0, job.submittedBy(), job.submittedAt(), clock.instant(),
                        "Atrium stopped while this import was running; nothing was written. Upload the file again.",
                        null));
        update(entry, recovered, true);
        store.deleteUpload(job.id());
        LOG.info("Import job {} was cut off by a restart: {}", job.id(), recovered.state());
    }

    private void update(Entry entry, ImportJob job, boolean persist) {
        entry.set(job);
        if (persist) {
            store.save(job, entry.submitter);
        }
    }

    private static boolean causedByStop(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ImportRun.Stopped) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the newest finished jobs up to {@code jobs.kept}; queued and running ones always stay. */
    private void pruneOldJobs() {
        List<ImportJob> finished = jobs.values().stream().map(Entry::job).filter(job -> job.state().finished())
                .sorted(Comparator.comparing(ImportJob::submittedAt).reversed()).toList();
        for (ImportJob old : finished.subList(Math.min(finished.size(), config.jobs_kept()), finished.size())) {
            try {
                store.delete(old.id());
                jobs.remove(old.id());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old import job " + old.id(), e);
            }
        }
    }

    // --- who sees what

    private Entry visible(String jobId, Actor viewer) {
        Entry entry = jobId == null ? null : jobs.get(jobId);
        if (entry == null || !mayView(viewer, entry.job())) {
            throw new UnknownItemException("There is no import job " + jobId + ".");
        }
        return entry;
    }

    /** Staff see their own jobs, administrators all. */
    private static boolean mayView(Actor viewer, ImportJob job) {
        return viewer.administrator() || viewer.name().equals(job.submittedBy());
    }

    private static ClientConflictException conflict(String message) {
        return new ClientConflictException(List.of(new FieldError("", message)));
    }

    // --- job copies

    private static ImportJob progress(ImportJob job, String stage, long total, long processed) {
        return new ImportJob(job.id(), job.state(), job.dryRun(), stage, total, processed, job.created(),
                job.updated(), job.errorCount(), job.submittedBy(), job.submittedAt(), job.finishedAt(), job.reason(),
                job.revertedAt(), job.taxIdsCleared());
    }

    private static ImportJob copy(ImportJob job, ImportState state, String stage, long processed, long errorCount,
            Instant finishedAt, String reason, Instant revertedAt) {
        return new ImportJob(job.id(), state, job.dryRun(), stage, job.rowsTotal(), processed, job.created(),
                job.updated(), errorCount, job.submittedBy(), job.submittedAt(), finishedAt, reason, revertedAt,
                job.taxIdsCleared());
    }
}
