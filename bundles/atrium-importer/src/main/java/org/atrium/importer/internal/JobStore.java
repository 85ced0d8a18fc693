package org.atrium.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.atrium.api.imports.ImportJob;
import org.atrium.api.imports.ImportState;
import org.atrium.api.security.Actor;

/**
 * Import jobs on disk, one folder each under {@code data/atrium/imports/}: {@code job.properties} (replaced
 * atomically), the uploaded file while the job needs it, and the error CSV. Outside the bundle's own storage
 * so that jobs survive an update or reinstall of the importer.
 */
final class JobStore {

    static final String UPLOAD = "upload.csv";
    static final String ERRORS = "errors.csv";
    private static final String JOB = "job.properties";

    /** A job and the user it runs as (with the offices they held when submitting). */
    record StoredJob(ImportJob job, Actor submitter) {
    }

    private final Path root;

    JobStore(Path root) {
        this.root = root;
    }

    Path folder(String jobId) {
        return root.resolve(jobId);
    }

    Path upload(String jobId) {
        return folder(jobId).resolve(UPLOAD);
    }

    Path errors(String jobId) {
        return folder(jobId).resolve(ERRORS);
    }

    /** A new empty file in the job's folder that only the process owner can read, where POSIX allows. */
    Path privateFile(String jobId, String name) throws IOException {
        Path folder = Files.createDirectories(folder(jobId));
        Path file = folder.resolve(name);
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createFile(file);
    }

    void save(ImportJob job, Actor submitter) {
        Properties p = new Properties();
        p.setProperty("id", job.id());
        p.setProperty("state", job.state().name());
        p.setProperty("dryRun", String.valueOf(job.dryRun()));
        put(p, "stage", job.stage());
        p.setProperty("rowsTotal", String.valueOf(job.rowsTotal()));
        p.setProperty("rowsProcessed", String.valueOf(job.rowsProcessed()));
        p.setProperty("created", String.valueOf(job.created()));
        p.setProperty("updated", String.valueOf(job.updated()));
        p.setProperty("taxIdsCleared", String.valueOf(job.taxIdsCleared()));
        p.setProperty("errorCount", String.valueOf(job.errorCount()));
        p.setProperty("submittedBy", job.submittedBy());
        p.setProperty("submitter.administrator", String.valueOf(submitter.administrator()));
        p.setProperty("submitter.offices",
                submitter.offices().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
        put(p, "submittedAt", job.submittedAt());
        put(p, "finishedAt", job.finishedAt());
        put(p, "reason", job.reason());
        put(p, "revertedAt", job.revertedAt());
        try {
            Path folder = Files.createDirectories(folder(job.id()));
            Path temporary = folder.resolve(JOB + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                p.store(out, null);
            }
            Files.move(temporary, folder.resolve(JOB), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save import job " + job.id(), e);
        }
    }

    /** Whether any job still keeps its upload (one not finished yet). */
    boolean anyUpload() throws IOException {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path folder : folders) {
                if (Files.exists(folder.resolve(UPLOAD))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every stored job, oldest first; unreadable folders (e.g. a crash before the first save) are skipped. */
    List<StoredJob> loadAll() throws IOException {
        List<StoredJob> jobs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return jobs;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path folder : folders) {
                load(folder.resolve(JOB)).ifPresent(jobs::add);
            }
        }
        jobs.sort(Comparator.comparing((StoredJob j) -> j.job().submittedAt()).thenComparing(j -> j.job().id()));
        return jobs;
    }

    private static Optional<StoredJob> load(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        ImportJob job = new ImportJob(p.getProperty("id"), ImportState.valueOf(p.getProperty("state")),
                Boolean.parseBoolean(p.getProperty("dryRun")), p.getProperty("stage"), number(p, "rowsTotal"),
                number(p, "rowsProcessed"), number(p, "created"), number(p, "updated"), number(p, "errorCount"),
                p.getProperty("submittedBy"), instant(p, "submittedAt"), instant(p, "finishedAt"),
                p.getProperty("reason"), instant(p, "revertedAt"), number(p, "taxIdsCleared"));
        Actor submitter = Boolean.parseBoolean(p.getProperty("submitter.administrator"))
                ? Actor.administrator(job.submittedBy())
                : Actor.staff(job.submittedBy(), offices(p.getProperty("submitter.offices", "")));
        return Optional.of(new StoredJob(job, submitter));
    }

    /** Removes the uploaded file: a finished job no longer needs it, and it holds tax IDs. */
    void deleteUpload(String jobId) {
        try {
            Files.deleteIfExists(upload(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the upload of import job " + jobId, e);
        }
    }

    void delete(String jobId) throws IOException {
        Path folder = folder(jobId);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    private static Set<Integer> offices(String text) {
        Set<Integer> offices = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                offices.add(Integer.valueOf(part.strip()));
            }
        }
        return offices;
    }

    private static void put(Properties p, String key, Object value) {
        if (value != null) {
            p.setProperty(key, value.toString());
        }
    }

    private static long number(Properties p, String key) {
        return Long.parseLong(p.getProperty(key, "0"));
    }

    private static Instant instant(Properties p, String key) {
        String value = p.getProperty(key);
        return value == null ? null : Instant.parse(value);
    }
}
