package org.atrium.itests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.SortField;

/**
 * For a benchmark: other staff at work while something long runs (an import). On one thread a search by part
 * of a name every 100 ms, on another an edit of a client of their own (read, then saved with a new name)
 * every 100 ms, so that neither hides the other's waits; how long each waited and which failed.
 * {@link #close()} stops them.
 */
final class OtherUserAtWork implements AutoCloseable {

    private static final long PAUSE_MILLIS = 100;

    private final ClientRegister register;
    private final String ownClientId;
    private final IntFunction<String> searchText;
    private final Thread searching;
    private final Thread editing;
    private final List<Long> searchNanos = new ArrayList<>();
    private final List<Long> editNanos = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * @param ownClientId a client the work being measured does not touch, edited over and over
     * @param searchText the text of the i-th search
     */
    OtherUserAtWork(ClientRegister register, String ownClientId, IntFunction<String> searchText) {
        this.register = register;
        this.ownClientId = ownClientId;
        this.searchText = searchText;
        this.searching = new Thread(this::search, "other-user-searching");
        this.editing = new Thread(this::edit, "other-user-editing");
        searching.start();
        editing.start();
    }

    private void search() {
        for (int i = 0; !stopped; i++) {
            String text = searchText.apply(i);
            timed(searchNanos, "search for '" + text + "'", () -> register.search(new ClientQuery(
                    new ClientFilter(text, null, null, null, null), SortField.NAME, false, 0, 25)));
            pause();
        }
    }

    private void edit() {
        for (int i = 0; !stopped; i++) {
            int round = i;
            timed(editNanos, "edit of " + ownClientId, () -> {
                Client own = register.get(ownClientId);
                ClientData data = ClientData.of(own);
                register.update(ownClientId, new ClientData(data.clientId(), data.type(), "Other Client " + round,
                        data.email(), data.taxId(), data.dateOfBirth(), data.countryCode(), data.mobileNumber(),
                        data.officeLocation(), data.marriedFilingJointly(), data.spouse(), data.spouseSignsFirst(),
                        data.portalAccess(), data.smsOtp(), data.dropOffAccess()), own.version());
            });
            pause();
        }
    }

    /**
     * The pace of a person at work, not of a load generator: a fixed pause between requests, not a wait for
     * a condition (what is measured is how long each request itself takes).
     */
    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void timed(List<Long> nanos, String what, Runnable request) {
        long start = System.nanoTime();
        try {
            request.run();
        } catch (RuntimeException e) {
            synchronized (failures) {
                failures.add(what + ": " + e);
            }
        }
        synchronized (nanos) {
            nanos.add(System.nanoTime() - start);
        }
    }

    /** The figures so far: "N searches p95 .. ms, longest .., .., .. ms; N edits ...; none failed". */
    String report() {
        return String.format(Locale.ROOT, "%s; %s; %s", figures("searches", searchNanos), figures("edits", editNanos),
                failures.isEmpty() ? "none failed" : failures.size() + " failed, first: " + failures.get(0));
    }

    private static String figures(String what, List<Long> nanos) {
        long[] sorted;
        synchronized (nanos) {
            sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        }
        if (sorted.length == 0) {
            return "no " + what;
        }
        Arrays.sort(sorted);
        int p95 = (int) Math.ceil(0.95 * sorted.length) - 1;
        StringBuilder longest = new StringBuilder();
        for (int i = sorted.length - 1; i >= Math.max(0, sorted.length - 3); i--) {
            longest.append(i == sorted.length - 1 ? "" : ", ").append(Math.round(sorted[i] / 1e6));
        }
        return String.format(Locale.ROOT, "%d %s p95 %.0f ms, longest %s ms", sorted.length, what, sorted[p95] / 1e6,
                longest);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true; // not interrupted: a request under way finishes and counts
        searching.join();
        editing.join();
    }
}
