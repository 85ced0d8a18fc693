package org.atrium.exporter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RowFeedTest {

    private final ExecutorService readers = Executors.newCachedThreadPool();

    @AfterEach
    void stopReaders() {
        readers.shutdownNow();
    }

    /** A feed of rows already in memory, for the writers' tests. */
    static RowFeed of(ExecutorService readers, Object[]... rows) {
        return new RowFeed(readers, (expected, row) -> {
            expected.accept(rows.length);
            Arrays.stream(rows).forEach(row);
            return rows.length;
        });
    }

    @Test
    void everyRowArrivesInOrderAcrossBatches() throws Exception {
        List<Object> written = new ArrayList<>();
        try (RowFeed feed = new RowFeed(readers, (expected, row) -> {
            for (int i = 0; i < 1_234; i++) {
                row.accept(new Object[] {i});
            }
            return 1_234;
        })) {
            assertEquals(1_234, feed.drainTo(values -> written.add(values[0])));
        }
        assertEquals(1_234, written.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(i, written.get(i));
        }
    }

    @Test
    void noRowsAtAll() throws Exception {
        try (RowFeed feed = new RowFeed(readers, (expected, row) -> 0)) {
            assertEquals(0, feed.drainTo(values -> {
                throw new AssertionError("no row expected");
            }));
        }
    }

    @Test
    void theExpectedRowsAreKnownBeforeTheFirstRow() throws Exception {
        CountDownLatch firstRowAllowed = new CountDownLatch(1);
        try (RowFeed feed = new RowFeed(readers, (expected, row) -> {
            expected.accept(3);
            try {
                firstRowAllowed.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            row.accept(new Object[] {1});
            return 1;
        })) {
            assertEquals(3, feed.expectedRows());
            firstRowAllowed.countDown();
            assertEquals(1, feed.drainTo(values -> {
            }));
        }
    }

    @Test
    void aReadFailingBeforeItsCountReachesTheWriterToo() {
        IllegalStateException failure = new IllegalStateException("no such office");
        try (RowFeed feed = new RowFeed(readers, (expected, row) -> {
            throw failure;
        })) {
            assertSame(failure, assertThrows(IllegalStateException.class, feed::expectedRows));
        }
    }

    @Test
    void aFailedReadReachesTheWriter() {
        IllegalStateException failure = new IllegalStateException("the database went away");
        try (RowFeed feed = new RowFeed(readers, (expected, row) -> {
            row.accept(new Object[] {1});
            throw failure;
        })) {
            assertSame(failure, assertThrows(IllegalStateException.class, () -> feed.drainTo(values -> {
            })));
        }
    }

    @Test
    @Timeout(20)
    void aReaderStoppedFromOutsideEndsTheWriterInsteadOfLeavingItWaiting() throws Exception {
        CountDownLatch queueFull = new CountDownLatch(1);
        AtomicLong read = new AtomicLong();
        try (RowFeed feed = new RowFeed(readers, (expected, row) -> {
            expected.accept(Long.MAX_VALUE);
            while (true) {
                row.accept(new Object[] {read.incrementAndGet()});
                if (read.get() == (long) RowFeed.BATCHES_AHEAD * RowFeed.ROWS_PER_BATCH) {
                    queueFull.countDown();
                }
            }
        })) {
            CountDownLatch firstRow = new CountDownLatch(1);
            Thread stopper = new Thread(() -> {
                try {
                    firstRow.await();
                    queueFull.await();
                } catch (InterruptedException e) {
                    return;
                }
                readers.shutdownNow(); // what the exporter does when its bundle stops
            });
            stopper.start();
            assertThrows(IllegalStateException.class, () -> feed.drainTo(values -> firstRow.countDown()));
            stopper.join();
        }
    }

    @Test
    void aFailedWriteStopsTheReaderWhichReadsNoFurtherThanTheQueue() throws Exception {
        AtomicLong read = new AtomicLong();
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch readerDone = new CountDownLatch(1);
        try (RowFeed feed = new RowFeed(readers, (expected, row) -> {
            try {
                for (long i = 0; i < 10_000_000; i++) {
                    row.accept(new Object[] {i});
                    read.incrementAndGet();
                }
                return read.get();
            } finally {
                // an interrupt reaching Derby mid-query closes its connection and logs the SQL
                interrupted.set(Thread.currentThread().isInterrupted());
                readerDone.countDown();
            }
        })) {
            assertThrows(IOException.class, () -> feed.drainTo(values -> {
                throw new IOException("the client went away");
            }));
        }
        assertTrue(readerDone.await(10, TimeUnit.SECONDS));
        assertFalse(interrupted.get(), "stopped by a flag it checks, not by an interrupt");
        // what the writer took, what waited in the queue, the batch being filled
        assertTrue(read.get() <= (long) (RowFeed.BATCHES_AHEAD + 2) * RowFeed.ROWS_PER_BATCH, "read " + read.get());
    }
}
