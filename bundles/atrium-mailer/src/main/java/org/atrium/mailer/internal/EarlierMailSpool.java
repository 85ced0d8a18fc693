package org.atrium.mailer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.atrium.api.mail.MailState;
import org.atrium.api.mail.QueuedMail;

/**
 * The mail queue as Atrium kept it on disk before it moved into the database: one folder per message
 * ({@code message.eml} + {@code status.properties}) under {@code queued/}, {@code sent/} or {@code failed/} of
 * data/atrium/mail. At the first start of this version every message moves into the {@link MailQueue}, with
 * its state, attempts and times, and its folder goes; a crash half-way leaves the rest for the next start.
 */
final class EarlierMailSpool {

    private static final String MESSAGE = "message.eml";
    private static final String STATUS = "status.properties";
    private static final String TAG = "tag.";

    private final Path root;

    EarlierMailSpool(Path root) {
        this.root = root;
    }

    /** Moves every message into the queue; returns how many there were. */
    int moveInto(MailQueue queue) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int moved = 0;
        for (MailState folder : MailState.values()) {
            for (Path dir : list(root.resolve(folder.name().toLowerCase(Locale.ROOT)))) {
                Optional<QueuedMail> mail = readStatus(dir);
                if (mail.isPresent()) {
                    Path eml = dir.resolve(MESSAGE);
                    boolean keepBody = mail.get().state() != MailState.SENT && Files.exists(eml);
                    queue.addEarlier(mail.get(), keepBody ? read(eml) : null);
                    moved++;
                }
                deleteTree(dir);
            }
        }
        // "incoming" held messages half-written when the node stopped: their senders were told of the failure
        deleteTree(root);
        return moved;
    }

    private static List<Path> list(Path folder) {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return dirs;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Files::isDirectory)) {
            stream.forEach(dirs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dirs;
    }

    /** The message as its status file says (which wins over the folder it is in: a move may not have happened). */
    private static Optional<QueuedMail> readStatus(Path dir) {
        Properties status = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(STATUS))) {
            status.load(in);
        } catch (NoSuchFileException halfWritten) {
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

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
