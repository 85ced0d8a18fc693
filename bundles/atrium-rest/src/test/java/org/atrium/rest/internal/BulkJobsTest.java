package org.atrium.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.atrium.api.client.BulkAction;
import org.atrium.api.client.ClientNotFoundException;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.security.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkJobsTest {

    @TempDir
    Path data;

    private final List<String> touched = new CopyOnWriteArrayList<>();
    private final BulkActions actions = new BulkActions();
    /** The register as the user: this fake only hands itself over. */
    private final ClientRegister register = (ClientRegister) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ClientRegister.class}, (proxy, method, args) -> {
                if (method.getName().equals("as")) {
                    return proxy;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    BulkJobsTest() {
        actions.addAction((BulkAction) (clients, clientId) -> {
            if (clientId.startsWith("gone")) {
                throw new ClientNotFoundException(clientId);
            }
            touched.add(clientId);
        }, Map.of(BulkAction.NAME, "TOUCH"));
    }

    private BulkJobs jobs() {
        return new BulkJobs(actions, new BulkJobFiles(data), Clock.systemUTC()).with(register);
    }

    private static BulkJobStatus awaitDone(BulkJobs jobs, String id) throws InterruptedException {
        Actor admin = Actor.administrator("jane");
        for (int i = 0; i < 200; i++) {
            BulkJobStatus status = jobs.status(id, admin).orElseThrow();
            if (status.state().equals("DONE")) {
                return status;
            }
            Thread.sleep(25); // polling interval
        }
        throw new AssertionError("job " + id + " never done: " + jobs.status(id, admin));
    }

    @Test
    void everyClientIsDoneOnceAndFailuresAreListed() throws Exception {
        BulkJobs jobs = jobs();
        try {
            BulkJobStatus submitted = jobs.submit("TOUCH", Actor.staff("tom", Set.of(1)),
                    List.of("a", "gone-1", "b", "a"));

            BulkJobStatus done = awaitDone(jobs, submitted.id());

            assertEquals(List.of("a", "b"), touched);
            assertEquals(3, done.requested());
            assertEquals(2, done.succeeded());
            assertEquals(1, done.failedCount());
            assertEquals("gone-1", done.failed().get(0).clientId());
            assertEquals(Optional.empty(), jobs.status(submitted.id(), Actor.staff("ann", Set.of(1))),
                    "another staff user's job is not theirs to see");
        } finally {
            jobs.stop();
        }
    }

    @Test
    void aJobStoppedMidwayResumesAtItsNextClient() throws Exception {
        BulkJobFiles files = new BulkJobFiles(data);
        BulkJobFiles.Job job = new BulkJobFiles.Job("00000000-0000-0000-0000-000000000001", "TOUCH", "jane", true,
                Set.of(), Instant.now().toString(), 3);
        files.create(job, List.of("a", "b", "c"));
        try (BufferedWriter progress = files.progressWriter(job.id())) {
            BulkJobFiles.record(progress, "a", Optional.empty()); // done before the bundle stopped
        }

        BulkJobs restarted = jobs();
        try {
            BulkJobStatus done = awaitDone(restarted, job.id());

            assertEquals(List.of("b", "c"), touched, "a was done already");
            assertEquals(3, done.succeeded());
            assertTrue(done.finishedAt() != null);
        } finally {
            restarted.stop();
        }
    }
}
