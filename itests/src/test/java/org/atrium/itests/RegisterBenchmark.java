package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

import javax.inject.Inject;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.SortField;
import org.atrium.api.client.Spouse;
import org.atrium.api.imports.ClientImportJobs;
import org.atrium.api.security.Actor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Not a test: the register's figures for the README. Inserts N clients (default 100,000) one by one
 * through the ClientRegister service, each its own transaction with every rule checked, into the
 * distribution's database (embedded Derby, or PostgreSQL in the suite's second run); beyond
 * {@code benchmark.inserted} (100,000) the rest come through the CSV importer. Then times searches of each
 * kind over them (p50/p95), through the service and over HTTP. Run: {@code mvn -Pbenchmark verify -pl itests} after {@code mvn install}.
 * Results: stdout and
 * itests/target/benchmark-register-derby.txt (or -postgresql.txt).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RegisterBenchmark extends AtriumTestSupport {

    private static final int IMPORT_FILE_ROWS = 100_000;

    @Inject
    ClientImportJobs imports;

    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                systemProperty("benchmark.clients").value(System.getProperty("benchmark.clients", "100000")),
                systemProperty("benchmark.searches").value(System.getProperty("benchmark.searches", "200")),
                systemProperty("benchmark.inserted").value(System.getProperty("benchmark.inserted", "100000")));
    }

    @Test
    public void insertAndSearch() throws IOException, InterruptedException {
        int clients = Integer.getInteger("benchmark.clients", 100_000);
        int searches = Integer.getInteger("benchmark.searches", 200);
        awaitRestApi();
        StringBuilder report = new StringBuilder();
        line(report, "Atrium register benchmark: %,d clients, %d searches of each kind", clients, searches);
        line(report, "machine: %d cores, JVM %s, max heap %,d MB", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));

        int inserted = Math.min(clients, Integer.getInteger("benchmark.inserted", 100_000));
        long start = System.nanoTime();
        long[] createNanos = new long[inserted];
        for (int i = 0; i < inserted; i++) {
            long t = System.nanoTime();
            register.create(client(i));
            createNanos[i] = System.nanoTime() - t;
            if ((i + 1) % 10_000 == 0) {
                System.out.printf("  %,d inserted%n", i + 1);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        line(report, "insert %,d clients: %.1f s (%.0f clients/s); per insert p50 %.2f ms, p95 %.2f ms", inserted,
                seconds, inserted / seconds, percentile(createNanos, 50), percentile(createNanos, 95));
        if (clients > inserted) {
            start = System.nanoTime();
            importClients(inserted, clients);
            line(report, "import the other %,d clients (CSV files of %,d rows): %.1f s", clients - inserted,
                    IMPORT_FILE_ROWS, (System.nanoTime() - start) / 1e9);
        }

        assertEquals(clients, register.count(ClientFilter.ALL));

        // every client is "Alex Smith<k> <i>": smith57 begins the name of one client in 97
        time(report, "service: q=a word begun (smith<k>)", searches,
                i -> query(new ClientFilter("smith" + (i % 97), null, null, null), SortField.CLIENT_ID));
        time(report, "service: q=two words (alex smith<k>)", searches,
                i -> query(new ClientFilter("alex smith" + (i % 97), null, null, null), SortField.CLIENT_ID));
        time(report, "service: q=name and number (smith<k> <i>)", searches,
                i -> query(new ClientFilter("smith" + (i * 7919 % clients % 97) + " " + (i * 7919 % clients), null,
                        null, null), SortField.CLIENT_ID));
        // no word begins with it: every row is read (fewer searches, they are slow on Derby)
        time(report, "service: q=inside a word (mith<k>)", Math.max(1, searches / 10),
                i -> query(new ClientFilter("mith" + (i % 97), null, null, null), SortField.CLIENT_ID));
        time(report, "service: q=client ID (exact text)", searches,
                i -> query(new ClientFilter(clientId((i * 7919) % clients), null, null, null), SortField.CLIENT_ID));
        time(report, "service: q=SSN with dashes", searches,
                i -> query(new ClientFilter(dashed(ssn((i * 7919) % clients)), null, null, null), SortField.CLIENT_ID));
        time(report, "service: q=SSN, 9 digits", searches,
                i -> query(new ClientFilter(ssn((i * 7919) % clients), null, null, null), SortField.CLIENT_ID));
        time(report, "service: q=email", searches,
                i -> query(new ClientFilter("client" + ((i * 7919) % clients) + "@", null, null, null), SortField.CLIENT_ID));
        time(report, "service: no filter, first page by name", searches,
                i -> query(ClientFilter.ALL, SortField.NAME));
        time(report, "service: office filter, page 10 by client ID", searches,
                i -> register.search(new ClientQuery(new ClientFilter(null, null, null, 1), SortField.CLIENT_ID, false, 10,
                        50)).items().size());
        ClientRegister staff = register.as(Actor.staff("bench-staff", Set.of(1)));
        time(report, "staff of office 1: q=a word begun (smith<k>)", searches,
                i -> staff.search(new ClientQuery(new ClientFilter("smith" + (i % 97), null, null, null),
                        SortField.CLIENT_ID, false, 0, 50)).items().size());
        time(report, "staff of office 1: no filter, first page by name", searches,
                i -> staff.search(new ClientQuery(ClientFilter.ALL, SortField.NAME, false, 0, 50)).items().size());
        // Derby walks a descending order between fences of its index; the register read them when it started, with
        // no clients, so the first descending search of each order after the import fences the keys added since
        timeFirst(report, "staff of office 1: by name descending, the first (fences)",
                () -> staff.search(new ClientQuery(ClientFilter.ALL, SortField.NAME, true, 0, 50)));
        time(report, "staff of office 1: no filter, by name descending", searches,
                i -> staff.search(new ClientQuery(ClientFilter.ALL, SortField.NAME, true, i % 3, 50)).items().size());
        timeFirst(report, "service: by client ID descending, the first (fences)",
                () -> register.search(new ClientQuery(ClientFilter.ALL, SortField.CLIENT_ID, true, 0, 50)));
        time(report, "service: no filter, by client ID descending", searches,
                i -> register.search(new ClientQuery(ClientFilter.ALL, SortField.CLIENT_ID, true, i % 3, 50)).items()
                        .size());
        // every smith<k> sorts after the names of smith0 .. smith<k-1>: a walk by name would read far, and gives up
        time(report, "service: q=a word begun (smith<k>), by name", Math.max(1, searches / 10),
                i -> query(new ClientFilter("smith" + (i % 97), null, null, null), SortField.NAME));
        // what a page's "more than 1,000" costs to make exact (the staff page asks once the page is shown)
        time(report, "service: exact count of a word's matches (smith<k>)", searches,
                i -> (int) register.count(new ClientFilter("smith" + (i % 97), null, null, null)));
        time(report, "service: exact count of office 1", searches,
                i -> (int) register.count(new ClientFilter(null, null, null, 1)));
        time(report, "HTTP: GET /clients?q=<a word begun>", searches,
                i -> get("/clients?q=smith" + (i % 97)).status());
        time(report, "HTTP: GET /clients?q=<SSN, 9 digits>", searches,
                i -> get("/clients?q=" + ssn((i * 7919) % clients)).status());
        time(report, "HTTP: GET /clients/{clientId}", searches,
                i -> get("/clients/" + clientId((i * 7919) % clients)).status());

        System.out.println(report);
        Path out = Path.of(System.getProperty("karaf.home"), "..", "..",
                "benchmark-register-" + SuiteDatabase.name() + ".txt").normalize();
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out);
    }

    /** Clients {@code from} to {@code to}, as {@link #client(int)} makes them, through the CSV importer. */
    private void importClients(int from, int to) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("atrium-register-benchmark");
        Actor admin = Actor.administrator("benchmark");
        for (int first = from; first < to; first += IMPORT_FILE_ROWS) {
            Path file = folder.resolve("clients-" + first + ".csv");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(ImportIT.HEADER + "\r\n");
                for (int i = first; i < Math.min(to, first + IMPORT_FILE_ROWS); i++) {
                    out.write(csvRow(client(i)) + "\r\n");
                }
            }
            ImportBenchmark.importAndAwait(imports, file, admin);
            Files.delete(file);
            System.out.printf("  %,d imported%n", Math.min(to, first + IMPORT_FILE_ROWS));
        }
    }

    /** The CSV template's row for a client (no value of {@link #client(int)} holds a comma). */
    private static String csvRow(ClientData c) {
        Spouse spouse = c.spouse();
        return String.join(",", "Individual", c.clientId(), c.name(), c.email(), c.taxId(), csvDate(c.dateOfBirth()),
                c.countryCode(), c.mobileNumber(), String.valueOf(c.officeLocation()),
                spouse == null ? "" : spouse.name(), spouse == null ? "" : spouse.email(),
                spouse == null ? "" : spouse.taxId(), spouse == null ? "" : csvDate(spouse.dateOfBirth()),
                spouse == null ? "" : spouse.countryCode(), spouse == null ? "" : spouse.mobileNumber(),
                spouse == null ? "" : "No");
    }

    private static String csvDate(LocalDate date) {
        return String.format(Locale.ROOT, "%02d/%02d/%04d", date.getMonthValue(), date.getDayOfMonth(), date.getYear());
    }

    private int query(ClientFilter filter, SortField sort) {
        return register.search(new ClientQuery(filter, sort, false, 0, 50)).items().size();
    }

    private static void time(StringBuilder report, String what, int runs, IntFunction<Integer> search) {
        for (int i = 0; i < Math.min(10, runs); i++) {
            search.apply(i); // warm-up
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            search.apply(i);
            nanos[i] = System.nanoTime() - t;
        }
        line(report, "%-48s p50 %7.2f ms   p95 %7.2f ms", what, percentile(nanos, 50), percentile(nanos, 95));
    }

    /** One search, timed without a warm-up: what the first user of something read once pays. */
    private static void timeFirst(StringBuilder report, String what, Runnable search) {
        long t = System.nanoTime();
        search.run();
        line(report, "%-48s once %7.2f ms", what, (System.nanoTime() - t) / 1e6);
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    private static String clientId(int i) {
        return String.format("%07d", i);
    }

    private static String ssn(int i) {
        return TestSsns.numbered(i);
    }

    private static String dashed(String ssn) {
        return ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-" + ssn.substring(5);
    }

    /** Realistic rows: a quarter married filing jointly, most with phone and birth date. */
    private static ClientData client(int i) {
        boolean mfj = i % 4 == 0;
        Spouse spouse = mfj ? new Spouse("Pat Smith" + (i % 97), "spouse" + i + "@example.com", ssn(500_000_000 + i),
                LocalDate.of(1960 + i % 40, 1 + i % 12, 1 + i % 28), "1", String.valueOf(5_550_000_000L + i)) : null;
        return new ClientData(clientId(i), ClientType.INDIVIDUAL, "Alex Smith" + (i % 97) + " " + i,
                "client" + i + "@example.com", ssn(i), LocalDate.of(1950 + i % 50, 1 + i % 12, 1 + i % 28), "1",
                String.valueOf(2_120_000_000L + i), 1, mfj, spouse, false, null, null, null);
    }

}
