package org.atrium.mailer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.atrium.api.mail.MailState;
import org.atrium.api.mail.QueuedMail;

/**
 * The mail queue on disk, so that it survives restarts and the mailer bundle being removed: one folder per
 * message ({@code message.eml} + {@code status.properties}) under {@code queued/}, {@code sent/} or
 * {@code failed/}. A message enters the queue and changes state by atomic renames, so a crash at any
 * moment leaves every message whole and in exactly one place.
 */
final class MailSpool {

    private static final String MESSAGE = "message.eml";
    private static final String STATUS = "status.properties";
    private static final String TAG = "tag.";

    private final Path root;

    MailSpool(Path root) {
        this.root = root;
        try {
            for (MailState state : MailState.values()) {
                Files.createDirectories(folder(state));
            }
            Files.createDirectories(root.resolve("incoming"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the mail queue in " + root, e);
        }
    }

    /** Stores a new message; it is in the queue once this returns. */
    QueuedMail add(byte[] eml, List<String> to, String subject, Map<String, String> tags, Instant now) {
        String id = UUID.randomUUID().toString();
        QueuedMail mail = new QueuedMail(id, to, subject, MailState.QUEUED, 0, now, now, null, null, tags);
        Path incoming = root.resolve("incoming").resolve(id);
        try {
            Files.createDirectories(incoming);
            Files.write(incoming.resolve(MESSAGE), eml);
            writeStatus(incoming, mail);
            move(incoming, folder(MailState.QUEUED).resolve(id));
            return mail;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the message in the mail queue", e);
        }
    }

    /**
     * After a crash: half-written incoming messages are dropped (their sender got an error), and a message
     * whose status was recorded but not yet moved goes where its status says, so it is not sent again.
     */
    void recover() {
        for (Path dir : list(root.resolve("incoming"))) {
            deleteTree(dir);
        }
        for (Path dir : list(folder(MailState.QUEUED))) {
            readStatus(dir).filter(mail -> mail.state() != MailState.QUEUED)
                    .ifPresent(mail -> move(dir, folder(mail.state()).resolve(mail.id())));
        }
    }

    /** Queued messages due for an attempt, oldest first. */
    List<QueuedMail> due(Instant now) {
        return read(MailState.QUEUED).filter(mail -> !mail.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(QueuedMail::queuedAt)).toList();
    }

    Optional<Instant> nextAttempt() {
        return read(MailState.QUEUED).map(QueuedMail::nextAttemptAt).min(Comparator.naturalOrder());
    }

    byte[] eml(QueuedMail mail) {
        try {
            return Files.readAllBytes(folder(MailState.QUEUED).resolve(mail.id()).resolve(MESSAGE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void retryLater(QueuedMail mail, Instant next, String error) {
        update(mail, new QueuedMail(mail.id(), mail.to(), mail.subject(), MailState.QUEUED, mail.attempts() + 1,
                mail.queuedAt(), next, null, error, mail.tags()));
    }

    QueuedMail finish(QueuedMail mail, MailState state, Instant now, String error) {
        QueuedMail finished = new QueuedMail(mail.id(), mail.to(), mail.subject(), state, mail.attempts() + 1,
                mail.queuedAt(), null, now, error, mail.tags());
        Path dir = folder(MailState.QUEUED).resolve(mail.id());
        update(mail, finished);
        if (state == MailState.SENT) {
            // delivered: the body may hold an access code or a registration link, which must not outlive the
            // delivery on disk; what was sent to whom, when, stays listed
            try {
                Files.deleteIfExists(dir.resolve(MESSAGE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the body of sent message " + mail.id(), e);
            }
        }
        move(dir, folder(state).resolve(mail.id()));
        return finished;
    }

    List<QueuedMail> list(MailState state, int limit) {
        Stream<QueuedMail> all = state == null
                ? Arrays.stream(MailState.values()).flatMap(this::read)
                : read(state);
        return all.sorted(Comparator.comparing(QueuedMail::queuedAt).reversed()).limit(limit).toList();
    }

    /** How many messages are in that state (one directory listing, no message read). */
    int count(MailState state) {
        return list(folder(state)).size();
    }

    /** Removes sent messages finished before the cut-off. */
    int purgeSent(Instant finishedBefore) {
        int removed = 0;
        for (Path dir : list(folder(MailState.SENT))) {
            Optional<QueuedMail> mail = readStatus(dir);
            if (mail.isPresent() && mail.get().finishedAt() != null && mail.get().finishedAt().isBefore(finishedBefore)) {
                deleteTree(dir);
                removed++;
            }
        }
        return removed;
    }

    // --- files

    private Path folder(MailState state) {
        return root.resolve(state.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The messages whose status says {@code state}. A message just finished has its final status a moment before
     * it moves out of the queued folder (see {@link #finish}): it is listed by its status, wherever it is then.
     * The queued folder is read first and a message is listed once, so that one moving meanwhile is not missed.
     */
    private Stream<QueuedMail> read(MailState state) {
        Stream<QueuedMail> movingOut = state == MailState.QUEUED ? Stream.empty()
                : readFolder(MailState.QUEUED).filter(mail -> mail.state() == state).toList().stream();
        Stream<QueuedMail> filed = readFolder(state).filter(mail -> mail.state() == state);
        Set<String> seen = new HashSet<>();
        return Stream.concat(movingOut, filed).filter(mail -> seen.add(mail.id()));
    }

    private Stream<QueuedMail> readFolder(MailState state) {
        return list(folder(state)).stream().map(MailSpool::readStatus).flatMap(Optional::stream);
    }

    private void update(QueuedMail before, QueuedMail after) {
        try {
            writeStatus(folder(before.state()).resolve(before.id()), after);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update message " + before.id(), e);
        }
    }

    private static List<Path> list(Path folder) {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Files::isDirectory)) {
            stream.forEach(dirs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dirs;
    }

    private static void writeStatus(Path dir, QueuedMail mail) throws IOException {
        Properties status = new Properties();
        status.setProperty("id", mail.id());
        status.setProperty("to", String.join(",", mail.to()));
        status.setProperty("subject", mail.subject());
        status.setProperty("state", mail.state().name());
        status.setProperty("attempts", String.valueOf(mail.attempts()));
        status.setProperty("queuedAt", mail.queuedAt().toString());
        put(status, "nextAttemptAt", mail.nextAttemptAt());
        put(status, "finishedAt", mail.finishedAt());
        put(status, "lastError", mail.lastError());
        mail.tags().forEach((key, value) -> status.setProperty(TAG + key, value));
        Path temporary = dir.resolve(STATUS + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            status.store(out, null);
        }
        Files.move(temporary, dir.resolve(STATUS), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(Properties properties, String key, Object value) {
        if (value != null) {
            properties.setProperty(key, value.toString());
        }
    }

    private static Optional<QueuedMail> readStatus(Path dir) {
        Properties status = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(STATUS))) {
            status.load(in);
        } catch (NoSuchFileException movedMeanwhile) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> tags = new HashMap<>();
        status.stringPropertyNames().stream().filter(key -> key.startsWith(TAG))
                .forEach(key -> tags.put(key.substring(TAG.length()), status.getProperty(key)));
        String to = status.getProperty("to", "");
        return Optional.of(new QueuedMail(status.getProperty("id"), to.isEmpty() ? List.of() : List.of(to.split(",")),
                status.getProperty("subject"), MailState.valueOf(status.getProperty("state")),
                Integer.parseInt(status.getProperty("attempts", "0")), Instant.parse(status.getProperty("queuedAt")),
                instant(status.getProperty("nextAttemptAt")), instant(status.getProperty("finishedAt")),
                status.getProperty("lastError"), tags));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("the mail queue needs a file system with atomic renames: " + from, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
