package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.atrium.api.imports.ClientImportJobs;
import org.atrium.api.imports.ImportJob;
import org.atrium.api.imports.ImportState;
import org.atrium.api.security.Actor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * Not a test: the importer's figures for the README. For each size (default 100,000 and 1,000,000 rows)
 * it writes a valid CSV file (a third of the rows married filing jointly, every row with SSN, date of birth
 * and mobile), imports it through the importer service into a fresh register (every check, duplicate
 * search, encryption and audit entry included), imports it again with every name changed (a bulk edit of
 * every client), and loads the same rows with the database's own bulk loader (Derby's
 * {@code SYSCS_UTIL.SYSCS_IMPORT_TABLE}, PostgreSQL's {@code COPY}) into a plain table of the same database;
 * then reverts the bulk edit. Reports rows per second and the heap
 * in use, in a JVM with a 1 GB heap ({@code -Xmx1g}), and how long another user's searches and edits waited
 * during each import.
 * Run: {@code mvn -Pbenchmark verify -pl itests -Dit.test=ImportBenchmark} after {@code mvn install};
 * results on stdout and in itests/target/benchmark-import-derby.txt (and -postgresql.txt).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ImportBenchmark extends AtriumTestSupport {

    /** The client another user edits during the imports; none of the files has it. */
    private static final String OTHER_CLIENT = "OTHER-1";

    @Inject
    ClientImportJobs imports;

    @Inject
    @Filter("(osgi.jndi.service.name=atrium)")
    DataSource dataSource;

    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(), vmOption("-Xmx1g"),
                // a million rows with every column filled are 125 MB, over the 50 MB default
                editConfigurationFilePut("etc/atrium.importer.cfg", "max.file.mb", "256"),
                systemProperty("benchmark.import.rows").value(System.getProperty("benchmark.import.rows",
                        "100000,1000000")));
    }

    @Test
    public void importAndBulkEdit() throws Exception {
        awaitRestApi();
        StringBuilder report = new StringBuilder();
        line(report, "Atrium import benchmark");
        line(report, "machine: %d cores, JVM %s, max heap %,d MB", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        Path folder = Files.createTempDirectory("atrium-import-benchmark");
        register.create(new ClientData(OTHER_CLIENT, ClientType.INDIVIDUAL, "Other Client", "other@example.com", null,
                null, null, null, 1, false, null, false, null, null, null));
        long offset = 0;
        for (String size : System.getProperty("benchmark.import.rows", "100000,1000000").split(",")) {
            int rows = Integer.parseInt(size.strip());
            Path fresh = folder.resolve("fresh-" + rows + ".csv");
            Path edit = folder.resolve("edit-" + rows + ".csv");
            Path plain = folder.resolve("plain-" + rows + ".csv");
            write(fresh, offset, rows, "", true);
            write(edit, offset, rows, " Edited", true);
            write(plain, offset, rows, "", false);
            line(report, "%,d rows (%,d MB file):", rows, Files.size(fresh) / (1024 * 1024));

            double loader = databaseLoader(plain, rows);
            line(report, "  %s into a plain table: %,.0f rows/s", SuiteDatabase.postgresql()
                    ? "PostgreSQL COPY" : "Derby SYSCS_IMPORT_TABLE", loader);
            line(report, "  plain JDBC batches into a copy of the client table with its indexes (no checks, no other"
                    + " rows): %,.0f rows/s", jdbcIntoClientTableCopy(offset, rows));
            Result created = importFile(fresh, offset, rows);
            assertEquals(rows, created.job().created());
            line(report, "  import, new clients:  %,.0f rows/s (%.1f s), %.0f%% of the loader's rate; live heap at most %,d MB",
                    rows / created.seconds(), created.seconds(), 100 * rows / created.seconds() / loader,
                    created.liveHeapMb());
            line(report, "    meanwhile another user: %s", created.otherUser());
            Result edited = importFile(edit, offset, rows);
            assertEquals(rows, edited.job().updated());
            line(report, "  import, bulk edit:    %,.0f rows/s (%.1f s), %.0f%% of the loader's rate; live heap at most %,d MB",
                    rows / edited.seconds(), edited.seconds(), 100 * rows / edited.seconds() / loader,
                    edited.liveHeapMb());
            line(report, "    meanwhile another user: %s", edited.otherUser());
            long start = System.nanoTime();
            String otherUser;
            try (OtherUserAtWork other = otherUserAtWork(offset, rows)) {
                imports.revert(edited.job().id(), Actor.administrator("benchmark"));
                other.close();
                otherUser = other.report();
            }
            double restore = (System.nanoTime() - start) / 1e9;
            line(report, "  revert of the bulk edit (every client restored): %,.0f rows/s (%.1f s)", rows / restore,
                    restore);
            line(report, "    meanwhile another user: %s", otherUser);
            offset += rows;
        }
        Files.writeString(Path.of(System.getProperty("karaf.home"), "..", "..",
                "benchmark-import-" + SuiteDatabase.name() + ".txt").normalize(),
                report);
    }

    private record Result(ImportJob job, double seconds, long liveHeapMb, String otherUser) {
    }

    /**
     * Imports the file and waits for it, while other staff search the file's clients by part of
     * their client ID and edit a client of their own (see {@link OtherUserAtWork}).
     */
    private Result importFile(Path file, long offset, int rows) throws Exception {
        System.gc();
        long start = System.nanoTime();
        Actor admin = Actor.administrator("benchmark");
        ImportJob job = imports.submit(Files.newInputStream(file), admin, false);
        long liveMax = 0;
        try (OtherUserAtWork other = otherUserAtWork(offset, rows)) {
            while (!job.state().finished()) {
                job = imports.await(job.id(), admin, Duration.ofSeconds(2));
                liveMax = Math.max(liveMax, liveHeapMb());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            other.close();
            assertEquals(job.reason(), ImportState.SUCCEEDED, job.state());
            return new Result(job, seconds, liveMax, other.report());
        }
    }

    /** Other staff searching the file's clients by part of their client ID, and editing a client of their own. */
    private OtherUserAtWork otherUserAtWork(long offset, int rows) {
        return new OtherUserAtWork(register.as(Actor.administrator("other-user")), OTHER_CLIENT,
                i -> String.format(Locale.ROOT, "%07d", offset / 10 + (i * 7919L) % (rows / 10)));
    }

    /**
     * The database's own loader into a plain table (no keys, no indexes) with the file's columns: Derby's
     * {@code SYSCS_UTIL.SYSCS_IMPORT_TABLE}, PostgreSQL's {@code COPY ... FROM STDIN}.
     */
    private double databaseLoader(Path plain, int rows) throws Exception {
        String table = "BENCH_PLAIN_" + rows;
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            StringBuilder columns = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                columns.append(i == 0 ? "" : ", ").append("C").append(i).append(" VARCHAR(254)");
            }
            ddl.execute("CREATE TABLE " + table + " (" + columns + ")");
            long start = System.nanoTime();
            if (SuiteDatabase.postgresql()) {
                try (java.io.Reader in = Files.newBufferedReader(plain, StandardCharsets.UTF_8)) {
                    long copied = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                            .copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", in);
                    assertEquals(rows, copied);
                }
            } else {
                try (CallableStatement load = connection.prepareCall(
                        "CALL SYSCS_UTIL.SYSCS_IMPORT_TABLE(NULL, ?, ?, ',', '\"', 'UTF-8', 0)")) {
                    load.setString(1, table);
                    load.setString(2, plain.toString());
                    load.execute();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ddl.execute("DROP TABLE " + table);
            return rows / seconds;
        }
    }

    /**
     * The floor under any import into this schema: the client rows alone, ready-made, sent in JDBC batches of
     * 500 in one transaction into an empty copy of the CLIENT table with the same indexes. No checks, no
     * encryption, no email claims, no audit entries.
     */
    private double jdbcIntoClientTableCopy(long offset, int rows) throws Exception {
        String table = "BENCH_CLIENT_" + rows;
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE " + table + " AS SELECT * FROM CLIENT WITH NO DATA");
            ddl.execute("CREATE UNIQUE INDEX " + table + "_PK ON " + table + " (PK)");
            ddl.execute("CREATE UNIQUE INDEX " + table + "_ID ON " + table + " (CLIENT_ID_KEY)");
            for (String columns : new String[] {"NAME_KEY, CLIENT_ID_KEY", "EMAIL_KEY, CLIENT_ID_KEY", "TAX_ID_HASH",
                "SPOUSE_TAX_ID_HASH", "OFFICE_LOCATION, CLIENT_ID_KEY", "STATUS, CLIENT_ID_KEY"}) {
                ddl.execute("CREATE INDEX " + table + "_" + Math.abs(columns.hashCode()) + " ON " + table + " ("
                        + columns + ")");
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                    + " (PK, CLIENT_ID, CLIENT_ID_KEY, CLIENT_TYPE, NAME, NAME_KEY, EMAIL, EMAIL_KEY, TAX_ID,"
                    + " TAX_ID_HASH, OFFICE_LOCATION, MARRIED_FILING_JOINTLY, SPOUSE_SIGNS_FIRST, PORTAL_ACCESS,"
                    + " SMS_OTP, DROP_OFF_ACCESS, STATUS, CREATED_AT, UPDATED_AT, VERSION, SEARCH_TEXT)"
                    + " VALUES (?, ?, ?, 'INDIVIDUAL', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?,"
                    + " 'PENDING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, ?)")) {
                for (long i = offset; i < offset + rows; i++) {
                    String id = String.format(Locale.ROOT, "%08d", i);
                    String name = "Client " + id;
                    String email = "client" + id + "@example.com";
                    insert.setLong(1, i);
                    insert.setString(2, id);
                    insert.setString(3, id);
                    insert.setString(4, name);
                    insert.setString(5, name.toLowerCase(Locale.ROOT));
                    insert.setString(6, email);
                    insert.setString(7, email);
                    insert.setString(8, "x".repeat(60)); // as long as an encrypted tax ID
                    insert.setString(9, String.format(Locale.ROOT, "%044d", i)); // as long as its hash
                    for (int flag = 10; flag <= 14; flag++) {
                        insert.setObject(flag, flag == 12); // portal access on, the rest off
                    }
                    insert.setString(15, id + "\n" + name.toLowerCase(Locale.ROOT) + "\n" + email);
                    insert.addBatch();
                    if ((i - offset + 1) % 500 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            connection.setAutoCommit(true);
            ddl.execute("DROP TABLE " + table);
            return rows / seconds;
        }
    }

    /** Imports the file through the importer service and waits for the job, which must succeed. */
    static void importAndAwait(ClientImportJobs imports, Path file, Actor actor) throws IOException,
            InterruptedException {
        ImportJob job = imports.submit(Files.newInputStream(file), actor, false);
        while (!job.state().finished()) {
            job = imports.await(job.id(), actor, Duration.ofSeconds(10));
        }
        assertEquals(job.reason(), ImportState.SUCCEEDED, job.state());
    }

    /** Rows {@code offset} to {@code offset + rows}; every third one married filing jointly. */
    static void write(Path file, long offset, int rows, String nameSuffix, boolean header) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (header) {
                out.write(ImportIT.HEADER + "\r\n");
            }
            for (long i = offset; i < offset + rows; i++) {
                String id = String.format(Locale.ROOT, "%08d", i);
                boolean couple = i % 3 == 0;
                out.write("Individual," + id + ",Client " + id + nameSuffix + ",client" + id + "@example.com,"
                        + TestSsns.numbered(i) + ",04/15/1980,1,555" + id.substring(1)
                        + ",1," + (couple ? "Spouse " + id + ",spouse" + id + "@example.com,"
                                + TestSsns.numbered(400_000_000L + i) + ",01/02/1982,1,555"
                                + id.substring(1) + ",No" : ",,,,,,") + "\r\n");
            }
        }
    }

    /** The heap in use after the last collection (what is alive, not garbage yet to be collected). */
    static long liveHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getCollectionUsage).filter(usage -> usage != null)
                .mapToLong(usage -> usage.getUsed()).sum() / (1024 * 1024);
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }
}
