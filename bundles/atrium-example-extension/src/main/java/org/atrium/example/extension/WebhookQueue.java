package org.atrium.example.extension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Events waiting for the receiver, one file each in arrival order (data/atrium-example/webhook/): they
 * outlive a dead receiver, a restart and the bundle itself, and go out in the order they came.
 */
final class WebhookQueue {

    private final Path folder;
    private final AtomicLong sequence;

    WebhookQueue(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the webhook queue " + folder, e);
        }
        // after the files of an earlier run, so the order holds across restarts
        this.sequence = new AtomicLong(newest().map(WebhookQueue::number).orElse(0L));
    }

    /** Keeps the body until it is delivered; written whole or not at all. */
    void add(String json) {
        long number = sequence.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
        String name = String.format("%019d.json", number);
        Path temporary = folder.resolve(name + ".tmp");
        try {
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot queue a webhook event", e);
        }
    }

    /** The event waiting longest. */
    Optional<Path> oldest() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook queue", e);
        }
    }

    private Optional<Path> newest() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).max(Path::compareTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook queue", e);
        }
    }

    String body(Path event) throws IOException {
        return Files.readString(event, StandardCharsets.UTF_8);
    }

    void delivered(Path event) throws IOException {
        Files.deleteIfExists(event);
    }

    long count() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook queue", e);
        }
    }

    private static long number(Path event) {
        String name = event.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }
}
