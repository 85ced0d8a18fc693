package org.atrium.rest.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.atrium.api.client.BulkResult;
import org.atrium.api.security.Actor;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Background bulk jobs on disk, under data/atrium/bulk/ID/, so that a job outlives the bundle that runs it
 * (an update, a restart) and goes on where it stopped: {@code job.json} (what to do, as whom, for how many),
 * {@code clients.txt} (the client IDs, a line each, read only by the run: listing jobs never reads them),
 * {@code progress.tsv} (one line per client done, appended as each is done: a job resumes at the next
 * client, none is done twice) and {@code finished.json} once every client is done.
 */
final class BulkJobFiles {

    static final int FAILURES_SHOWN = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a job is: stored once when it is submitted. */
    record Job(String id, String action, String submittedBy, boolean administrator, Set<Integer> offices,
            String submittedAt, int requested) {

        Actor actor() {
            return new Actor(submittedBy, administrator, offices);
        }
    }

    /** What was done so far. */
    record Progress(int processed, int succeeded, int failedCount, List<BulkResult.Failure> failed) {
    }

    private record Finished(String finishedAt) {
    }

    private final Path root;

    BulkJobFiles(Path root) {
        this.root = root;
    }

    /** Stores the job: its clients first, so that a job.json never names clients that are not there. */
    void create(Job job, List<String> clientIds) {
        try {
            Path folder = Files.createDirectories(root.resolve(job.id()));
            Files.write(folder.resolve("clients.txt"), clientIds, StandardCharsets.UTF_8);
            Path temporary = folder.resolve("job.json.tmp");
            JSON.writeValue(temporary.toFile(), job);
            Files.move(temporary, folder.resolve("job.json"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the bulk job", e);
        }
    }

    Optional<Job> job(String id) {
        Path file = root.resolve(id).resolve("job.json");
        if (!id.matches("[0-9a-f-]{36}") || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Job.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bulk job " + id, e);
        }
    }

    /** The job's client IDs, in the order they are done. */
    List<String> clientIds(String id) throws IOException {
        return Files.readAllLines(root.resolve(id).resolve("clients.txt"), StandardCharsets.UTF_8);
    }

    /** Every stored job, oldest first. */
    List<Job> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.map(folder -> job(folder.getFileName().toString())).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(job -> Instant.parse(job.submittedAt()))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bulk jobs", e);
        }
    }

    /** Appends what was done to each client, as it is done. */
    BufferedWriter progressWriter(String id) throws IOException {
        return Files.newBufferedWriter(root.resolve(id).resolve("progress.tsv"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static void record(BufferedWriter progress, String clientId, Optional<BulkResult.Failure> failure) throws IOException {
        progress.write(failure.map(f -> "-\t" + clientId + "\t" + oneLine(f.reason())).orElse("+\t" + clientId));
        progress.newLine();
        progress.flush();
    }

    Progress progress(String id) {
        Path file = root.resolve(id).resolve("progress.tsv");
        if (!Files.isRegularFile(file)) {
            return new Progress(0, 0, 0, List.of());
        }
        int processed = 0;
        int succeeded = 0;
        int failedCount = 0;
        List<BulkResult.Failure> failed = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                String[] parts = line.split("\t", 3);
                if (parts.length < 2) {
                    continue; // a line cut short when the process died
                }
                processed++;
                if (parts[0].equals("+")) {
                    succeeded++;
                } else {
                    failedCount++;
                    if (failed.size() < FAILURES_SHOWN) {
                        failed.add(new BulkResult.Failure(parts[1], parts.length > 2 ? parts[2] : ""));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the progress of bulk job " + id, e);
        }
        return new Progress(processed, succeeded, failedCount, failed);
    }

    void finish(String id, Instant at) {
        try {
            JSON.writeValue(root.resolve(id).resolve("finished.json").toFile(), new Finished(at.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish bulk job " + id, e);
        }
    }

    Optional<Instant> finishedAt(String id) {
        Path file = root.resolve(id).resolve("finished.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(JSON.readValue(file.toFile(), Finished.class).finishedAt()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bulk job " + id, e);
        }
    }

    /** Deletes the oldest finished jobs beyond {@code kept}. */
    void prune(int kept) {
        List<Job> finished = all().stream().filter(job -> finishedAt(job.id()).isPresent()).toList();
        for (Job old : finished.subList(0, Math.max(0, finished.size() - kept))) {
            try (Stream<Path> files = Files.walk(root.resolve(old.id()))) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete bulk job " + old.id(), e);
            }
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\t\\r\\n]+", " ");
    }
}
