package org.atrium.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.imports.ImportCheck;
import org.atrium.api.imports.ImportJob;
import org.atrium.api.imports.ImportLedger;
import org.atrium.api.imports.ImportProblem;
import org.atrium.api.imports.ImportProgress;
import org.atrium.api.imports.ImportRejectedException;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportRows;
import org.atrium.api.imports.ImportState;
import org.atrium.api.imports.ImportUploadException;
import org.atrium.api.security.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job service on a fake register (checks and writes are the register's, tested there and in ImportIT). */
class CsvImportJobsTest {

    static final String HEADER = String.join(",", ImportTemplate.HEADER);
    static final Actor ADMIN = Actor.administrator("admin");
    static final Actor STAFF = Actor.staff("staff", java.util.Set.of(2));

    @TempDir
    Path folder;

    /** An import ledger that records the rows it is given; {@code problem} makes it reject them. */
    static final class FakeRegister {
        final List<ClientData> written = new ArrayList<>();
        final Map<String, ImportResult> applied = new ConcurrentHashMap<>();
        volatile ImportProblem problem;
        volatile CountDownLatch holdWriting;
        volatile Actor actor = Actor.SYSTEM;

        ImportLedger proxy() {
            return (ImportLedger) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ImportLedger.class}, (self, method, args) -> switch (method.getName()) {
                        case "as" -> {
                            actor = (Actor) args[0];
                            yield self;
                        }
                        case "check" -> check((ImportRows) args[0]);
                        case "apply" -> apply((String) args[0], (ImportRows) args[1], (ImportProgress) args[3]);
                        case "find" -> Optional.ofNullable(applied.get((String) args[0]));
                        case "revert" -> applied.remove((String) args[0]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        ImportCheck check(ImportRows rows) {
            List<ClientData> seen = new ArrayList<>();
            rows.read((row, data) -> seen.add(data));
            return new ImportCheck(seen.size(), seen.size(), 0, problem == null ? List.of() : List.of(problem), false);
        }

        ImportResult apply(String id, ImportRows rows, ImportProgress progress) throws InterruptedException {
            ImportCheck check = check(rows);
            if (!check.passed()) {
                throw new ImportRejectedException(check);
            }
            List<ClientData> batch = new ArrayList<>();
            rows.read((row, data) -> {
                batch.add(data);
                progress.reached(ImportProgress.Stage.WRITING, batch.size());
            });
            if (holdWriting != null) {
                while (!holdWriting.await(10, TimeUnit.MILLISECONDS)) {
                    progress.reached(ImportProgress.Stage.WRITING, batch.size()); // where a stop is noticed
                }
            }
            written.addAll(batch);
            ImportResult result = new ImportResult(id, batch.size(), 0);
            applied.put(id, result);
            return result;
        }
    }

    static ImporterConfig config(int maxFileMb) {
        return new ImporterConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ImporterConfig.class;
            }

            @Override
            public int max_file_mb() {
                return maxFileMb;
            }

            @Override
            public int max_errors() {
                return 100;
            }

            @Override
            public int jobs_kept() {
                return 500;
            }
        };
    }

    static ByteArrayInputStream csv(String... rows) {
        return new ByteArrayInputStream((HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    static String row(String clientId) {
        return "Individual," + clientId + ",Ann Smith," + clientId + "@example.com,,,,,1,,,,,,,";
    }

    /** The same key at every start, as the master key's derived key is. */
    private static final byte[] UPLOAD_KEY = new byte[32];

    private final List<CsvImportJobs> started = new ArrayList<>();

    CsvImportJobs jobs(FakeRegister register) throws IOException {
        CsvImportJobs jobs = new CsvImportJobs(register.proxy(), new JobStore(folder),
                UploadCipher.withKey(UPLOAD_KEY), config(1));
        started.add(jobs);
        return jobs;
    }

    /** No worker may still write into the folder when it is deleted. */
    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (CsvImportJobs jobs : started) {
            jobs.stop();
        }
    }

    @Test
    void aJobWritesTheRowsAsItsSubmitterAndDeletesTheUpload() throws Exception {
        FakeRegister register = new FakeRegister();
        CsvImportJobs jobs = jobs(register);

        ImportJob queued = jobs.submit(csv(row("000123"), row("2")), STAFF, false);
        ImportJob done = jobs.await(queued.id(), STAFF, Duration.ofSeconds(10));

        assertEquals(ImportState.SUCCEEDED, done.state());
        assertEquals(2, done.rowsTotal());
        assertEquals(2, done.created());
        assertEquals("000123", register.written.get(0).clientId());
        assertEquals(STAFF, register.actor);
        assertFalse(Files.exists(folder.resolve(queued.id()).resolve(JobStore.UPLOAD)), "the upload holds tax IDs");
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve(queued.id()))), "only Atrium may read a job's files");
    }

    @Test
    void formatErrorsAndRegisterProblemsMakeOneErrorCsvInRowOrder() throws Exception {
        FakeRegister register = new FakeRegister();
        register.problem = new ImportProblem(2, "A1", "spouse.email", "This email address is already used by another "
                + "client or spouse.");
        CsvImportJobs jobs = jobs(register);

        ImportJob done = jobs.await(jobs.submit(csv(row("A1"), "Individual,A2,Bob,bob@example.com,12-34,,,,1,,,,,,,"),
                ADMIN, false).id(), ADMIN, Duration.ofSeconds(10));

        assertEquals(ImportState.FAILED, done.state());
        assertEquals(2, done.errorCount());
        assertTrue(register.written.isEmpty());
        String errors;
        try (InputStream in = jobs.errors(done.id(), ADMIN).orElseThrow()) {
            errors = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(List.of("Row,Client ID,Column,Message",
                "2,A1,Spouse Email Address,This email address is already used by another client or spouse.",
                "3,A2,SSN/EIN,\"SSN/EIN must be 9 digits without dashes or spaces (e.g. 123456789), or the masked "
                        + "number of an export (XXX-XX-6789), which keeps the stored one.\""),
                errors.replace("\uFEFF", "").lines().toList());
    }

    @Test
    void aDryRunReportsWhatWouldHappenAndWritesNothing() throws Exception {
        FakeRegister register = new FakeRegister();
        CsvImportJobs jobs = jobs(register);

        ImportJob done = jobs.await(jobs.submit(csv(row("D1")), ADMIN, true).id(), ADMIN, Duration.ofSeconds(10));

        assertEquals(ImportState.SUCCEEDED, done.state());
        assertTrue(done.dryRun());
        assertEquals(1, done.created());
        assertTrue(register.written.isEmpty());
    }

    @Test
    void aFileOverTheLimitIsRefusedAndNothingIsKept() throws Exception {
        CsvImportJobs jobs = jobs(new FakeRegister());

        ImportUploadException refused = assertThrows(ImportUploadException.class,
                () -> jobs.submit(new ByteArrayInputStream(new byte[1024 * 1024 + 1]), ADMIN, false));

        assertTrue(refused.tooLarge());
        assertTrue(refused.getMessage().contains("larger than 1 MB"), refused.getMessage());
        try (var left = Files.list(folder)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void staffSeeOnlyTheirOwnJobs() throws Exception {
        CsvImportJobs jobs = jobs(new FakeRegister());
        ImportJob adminJob = jobs.submit(csv(row("S1")), ADMIN, true);
        ImportJob staffJob = jobs.submit(csv(row("S2")), STAFF, true);

        assertThrows(UnknownItemException.class, () -> jobs.get(adminJob.id(), STAFF));
        assertEquals(List.of(staffJob.id()), jobs.list(STAFF, 10).stream().map(ImportJob::id).toList());
        assertEquals(2, jobs.list(ADMIN, 10).size());
    }

    @Test
    void aRunningJobIsRolledBackWhenTheImporterStopsAndRunsAgainAtTheNextStart() throws Exception {
        FakeRegister register = new FakeRegister();
        register.holdWriting = new CountDownLatch(1);
        CsvImportJobs first = jobs(register);
        ImportJob job = first.submit(csv(row("H1")), ADMIN, false);
        awaitState(first, job.id(), ImportState.RUNNING);
        byte[] stored = Files.readAllBytes(folder.resolve(job.id()).resolve(JobStore.UPLOAD));
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("Ann Smith"), "stored encrypted");

        first.stop();

        assertTrue(register.written.isEmpty());
        register.holdWriting = null;
        CsvImportJobs second = jobs(register);
        ImportJob done = second.await(job.id(), ADMIN, Duration.ofSeconds(10));
        assertEquals(ImportState.SUCCEEDED, done.state());
        assertEquals(1, register.written.size());
    }

    @Test
    void jobsRunOneAtATimeInTheOrderTheyCame() throws Exception {
        FakeRegister register = new FakeRegister();
        register.holdWriting = new CountDownLatch(1);
        CsvImportJobs jobs = jobs(register);
        ImportJob first = jobs.submit(csv(row("O1")), ADMIN, false);
        ImportJob second = jobs.submit(csv(row("O2")), STAFF, false);
        awaitState(jobs, first.id(), ImportState.RUNNING);

        assertEquals(ImportState.QUEUED, jobs.get(second.id(), ADMIN).state(), "waits for the first");
        register.holdWriting.countDown();

        assertEquals(ImportState.SUCCEEDED, jobs.await(second.id(), ADMIN, Duration.ofSeconds(10)).state());
        assertEquals(List.of("O1", "O2"), register.written.stream().map(ClientData::clientId).toList());
    }

    @Test
    void aJobCutOffByACrashEndsByWhatTheRegisterCommitted() throws Exception {
        FakeRegister register = new FakeRegister();
        JobStore store = new JobStore(folder);
        Instant earlier = Instant.parse("2026-11-01T10:00:00Z");
        ImportJob committed = new ImportJob("committed", ImportState.RUNNING, false, "WRITING", 3, 3, 0, 0, 0, "admin",
                earlier, null, null, null);
        ImportJob lost = new ImportJob("lost", ImportState.RUNNING, false, "WRITING", 3, 1, 0, 0, 0, "admin", earlier,
                null, null, null);
        store.save(committed, ADMIN);
        store.save(lost, ADMIN);
        register.applied.put("committed", new ImportResult("committed", 2, 1));

        CsvImportJobs restarted = jobs(register);

        ImportJob recovered = restarted.get("committed", ADMIN);
        assertEquals(ImportState.SUCCEEDED, recovered.state());
        assertEquals(2, recovered.created());
        assertEquals(1, recovered.updated());
        ImportJob failed = restarted.get("lost", ADMIN);
        assertEquals(ImportState.FAILED, failed.state());
        assertTrue(failed.reason().contains("Atrium stopped while this import was running; nothing was written"));
    }

    @Test
    void onlyASucceededRealImportCanBeReverted() throws Exception {
        FakeRegister register = new FakeRegister();
        CsvImportJobs jobs = jobs(register);
        ImportJob dry = jobs.await(jobs.submit(csv(row("V1")), ADMIN, true).id(), ADMIN, Duration.ofSeconds(10));
        ImportJob real = jobs.await(jobs.submit(csv(row("V1")), ADMIN, false).id(), ADMIN, Duration.ofSeconds(10));

        assertThrows(RuntimeException.class, () -> jobs.revert(dry.id(), ADMIN));
        ImportJob reverted = jobs.revert(real.id(), ADMIN);

        assertTrue(reverted.revertedAt() != null);
        assertFalse(register.applied.containsKey(real.id()));
        assertThrows(RuntimeException.class, () -> jobs.revert(real.id(), ADMIN), "only once");
    }

    private static void awaitState(CsvImportJobs jobs, String id, ImportState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jobs.get(id, ADMIN).state() != state) {
            assertTrue(System.nanoTime() < deadline, "job " + id + " never became " + state);
            Thread.sleep(5);
        }
    }
}
