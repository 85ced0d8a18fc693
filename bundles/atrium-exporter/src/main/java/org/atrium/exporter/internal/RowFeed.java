package org.atrium.exporter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Rows read on a thread of their own while the caller writes them: reading the register (queries,
 * decryption, the column values) and writing the file (XML, compression) each keep a processor busy, so
 * on two cores an export takes about as long as the slower of the two instead of their sum. At most
 * {@link #BATCHES_AHEAD} batches wait between them, so memory stays bounded however many rows there are.
 */
final class RowFeed implements AutoCloseable {

    static final int ROWS_PER_BATCH = 500;
    static final int BATCHES_AHEAD = 4;
    private static final List<Object[]> END = new ArrayList<>(0);

    /** Reads rows: tells how many to expect, hands each over, returns how many it handed over. */
    @FunctionalInterface
    interface RowReader {
        long read(LongConsumer expected, Consumer<Object[]> row);
    }

    /** Writes one row; may fail with an exception of type {@code E}. */
    interface RowSink<E extends Exception> {
        void row(Object[] values) throws E;
    }

    private final BlockingQueue<List<Object[]>> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final CompletableFuture<Long> expected = new CompletableFuture<>();
    private final Future<Long> reading;
    private volatile boolean stopped;

    /**
     * Starts reading.
     *
     * @param read tells how many rows to expect, then hands every row over
     */
    RowFeed(ExecutorService readers, RowReader read) {
        reading = readers.submit(() -> {
            List<Object[]> batch = new ArrayList<>(ROWS_PER_BATCH);
            try {
                long count = read.read(expected::complete, row -> {
                    if (stopped) {
                        throw new CancellationException("the export stopped");
                    }
                    batch.add(row);
                    if (batch.size() == ROWS_PER_BATCH) {
                        hand(new ArrayList<>(batch));
                        batch.clear();
                    }
                });
                hand(batch); // the last, partial one
                expected.complete(count); // a reader that never told
                return count;
            } catch (RuntimeException | Error e) {
                expected.completeExceptionally(e);
                throw e;
            } finally {
                // the writer waits for the end marker whether reading succeeded or failed
                if (!stopped) {
                    hand(END);
                }
            }
        });
    }

    private void hand(List<Object[]> batch) {
        try {
            while (!batches.offer(batch, 1, TimeUnit.SECONDS)) {
                if (stopped) {
                    throw new CancellationException("the export stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the export stopped");
        }
    }

    /** How many rows to expect, as soon as the reader knows (before the first row). */
    long expectedRows() throws InterruptedException {
        try {
            return expected.get();
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /**
     * Hands every row to the sink in order, on the calling thread.
     *
     * @return how many rows there were
     * @throws E what the sink threw
     */
    <E extends Exception> long drainTo(RowSink<E> sink) throws E, InterruptedException {
        while (true) {
            List<Object[]> batch = batches.poll(1, TimeUnit.SECONDS);
            if (batch == END || batch == null && reading.isDone() && batches.isEmpty()) {
                // the end, or a reader that could not even say so (interrupted as the bundle stopped)
                break;
            }
            for (Object[] row : batch == null ? List.<Object[]>of() : batch) {
                sink.row(row);
            }
        }
        try {
            return reading.get();
        } catch (CancellationException e) {
            throw new IllegalStateException("reading the rows was stopped", e);
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("reading the rows failed", e.getCause());
    }

    /**
     * Stops the reader if it still runs (the writer failed: a client went away mid-download). Not by an
     * interrupt: one that reaches Derby mid-query closes its connection and fills the log with the SQL; the
     * reader stops by itself at its next row, between queries.
     */
    @Override
    public void close() {
        stopped = true;
        reading.cancel(false);
        expected.cancel(false);
        batches.clear();
    }
}
