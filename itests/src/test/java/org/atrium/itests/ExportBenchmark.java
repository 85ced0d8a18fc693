package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;

import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;
import org.apache.poi.xssf.streaming.RowGeneratorFunction;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientType;
import org.atrium.api.export.ClientExports;
import org.atrium.api.export.ExportFormat;
import org.atrium.api.export.ExportRequest;
import org.atrium.api.export.PreparedExport;
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
 * Not a test: the exporter's figures for the README. It fills the register through the importer (a third of
 * the clients married filing jointly), then exports every client with the default columns as .xlsx through
 * the exporter service, next to the floor: Apache POI's SXSSF writing the same cells, with the same styles,
 * from values already in memory (no database, no column logic), in both of SXSSF's forms (plain, and the
 * deferred one the exporter uses). Three rounds each, alternating, the median reported; the first size also
 * as CSV and over HTTP. Larger sizes (default 1,000,000) are exported twice: timed, then with a full collection
 * every two seconds to measure the heap in use. Karaf runs with {@code -Xmx1g}.
 * Run: {@code mvn -Pbenchmark verify -pl itests -Dit.test=ExportBenchmark} after {@code mvn install};
 * {@code -Dbenchmark.export.rows=100000,1000000}; results on stdout and in
 * itests/target/benchmark-export-derby.txt (or -postgresql.txt).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExportBenchmark extends AtriumTestSupport {

    private static final Actor ADMIN = Actor.administrator("benchmark");
    private static final int ROUNDS = 3;

    @Inject
    ClientImportJobs imports;

    @Inject
    ClientExports exports;

    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(), vmOption("-Xmx1g"),
                editConfigurationFilePut("etc/atrium.importer.cfg", "max.file.mb", "256"),
                systemProperty("benchmark.export.rows").value(System.getProperty("benchmark.export.rows",
                        "100000,1000000")));
    }

    @Test
    public void exportNextToPoiFromMemory() throws Exception {
        awaitRestApi();
        StringBuilder report = new StringBuilder();
        line(report, "Atrium export benchmark");
        line(report, "machine: %d cores, JVM %s, max heap %,d MB", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        String[] sizes = System.getProperty("benchmark.export.rows", "100000,1000000").split(",");
        long inRegister = 0;
        for (int s = 0; s < sizes.length; s++) {
            int rows = Integer.parseInt(sizes[s].strip());
            fill(inRegister, rows - inRegister);
            inRegister = rows;
            line(report, "%,d clients (default columns: 11 a row):", rows);
            if (s == 0) {
                compareWithFloor(report, rows);
            } else {
                // twice: the first fills the database's cache with the client table and is timed; the second runs with a
                // full collection every two seconds, so that what is live is measured, not garbage awaiting G1
                Timed once = timed(() -> export(ExportFormat.XLSX));
                line(report, "  export .xlsx: %.2f s (%,.0f rows/s), %,d MB", once.seconds(), rows / once.seconds(),
                        once.bytes() / (1024 * 1024));
                long[] live = liveDuring(() -> export(ExportFormat.XLSX));
                line(report, "  live heap (after a full collection every 2 s): %,d MB before the export (%s), at most"
                        + " %,d MB during it", live[0], SuiteDatabase.postgresql() ? "Karaf; PostgreSQL caches in its"
                        + " own process" : "Derby's page cache, the rest of Karaf", live[1]);
            }
        }
        Files.writeString(Path.of(System.getProperty("karaf.home"), "..", "..",
                "benchmark-export-" + SuiteDatabase.name() + ".txt").normalize(),
                report);
    }

    private void compareWithFloor(StringBuilder report, int rows) throws Exception {
        List<Object[]> cells = new ArrayList<>(rows);
        register.as(ADMIN).forEachClient(null, null, false, client -> cells.add(defaultColumns(client)));
        assertEquals(rows, cells.size());
        double[] floor = new double[ROUNDS];
        double[] deferredFloor = new double[ROUNDS];
        double[] export = new double[ROUNDS];
        long liveHeap = 0;
        long bytes = 0;
        for (int round = 0; round < ROUNDS; round++) {
            floor[round] = timed(() -> poiFromMemory(cells, new SXSSFWorkbook(100))).seconds();
            deferredFloor[round] = timed(() -> poiFromMemory(cells, new DeferredSXSSFWorkbook(100))).seconds();
            Timed exported = timed(() -> export(ExportFormat.XLSX));
            export[round] = exported.seconds();
            liveHeap = Math.max(liveHeap, exported.liveHeapMb());
            bytes = exported.bytes();
        }
        Timed read = timed(() -> register.as(ADMIN).forEachClient(null, null, false, client -> client.maskedTaxId()));
        double floorMedian = median(floor);
        double exportMedian = median(export);
        line(report, "  POI SXSSF from memory (the floor): %.2f s (%,.0f rows/s)   rounds %s", floorMedian,
                rows / floorMedian, Arrays.toString(floor));
        double deferredMedian = median(deferredFloor);
        line(report, "  POI SXSSF, deferred form (no temporary file), from memory: %.2f s (%,.0f rows/s)   rounds %s",
                deferredMedian, rows / deferredMedian, Arrays.toString(deferredFloor));
        line(report, "  export .xlsx (register + columns + POI): %.2f s (%,.0f rows/s) = %.2f x the floor (%.2f x the"
                + " deferred one), %,d MB; live heap at most %,d MB   rounds %s", exportMedian, rows / exportMedian,
                exportMedian / floorMedian, exportMedian / deferredMedian, bytes / (1024 * 1024), liveHeap,
                Arrays.toString(export));
        line(report, "  of which the register read alone (ClientRegister.forEachClient, every client decrypted): %.2f s",
                read.seconds());
        Timed csv = timed(() -> export(ExportFormat.CSV));
        line(report, "  export .csv: %.2f s (%,.0f rows/s), %,d MB", csv.seconds(), rows / csv.seconds(),
                csv.bytes() / (1024 * 1024));
        long start = System.nanoTime();
        int status = get("/exports/clients.xlsx?size=1").status();
        // the body is read and dropped by the HTTP client helper; time includes the transfer
        assertEquals(200, status);
        line(report, "  GET /api/v1/exports/clients.xlsx over HTTP: %.2f s", (System.nanoTime() - start) / 1e9);
    }

    /** The exporter's default columns, as values: what the floor writes. */
    private static Object[] defaultColumns(Client c) {
        return new Object[] {c.clientId(), c.type() == ClientType.ENTITY ? "Entity" : "Individual", c.name(), c.email(),
            c.maskedTaxId(), c.officeLocation(), c.spouse() == null ? null : c.spouse().name(),
            c.status().name().charAt(0) + c.status().name().substring(1).toLowerCase(Locale.ROOT),
            c.portalAccess() ? "Yes" : "No", c.smsOtp() ? "Yes" : "No", c.dropOffAccess() ? "Yes" : "No"};
    }

    /**
     * POI alone: the exporter's cell types and styles, no database, no column logic. Plain SXSSF writes the
     * rows to a temporary file and compresses them at the end; the deferred form (what the exporter uses)
     * makes the rows while it compresses.
     */
    private static long poiFromMemory(List<Object[]> rows, SXSSFWorkbook workbook) throws IOException {
        CountingOutput out = new CountingOutput();
        try (workbook) {
            SXSSFSheet sheet = workbook instanceof DeferredSXSSFWorkbook deferred ? deferred.createSheet("Clients")
                    : workbook.createSheet("Clients");
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat((short) BuiltinFormats.getBuiltinFormat("@"));
            CellStyle number = workbook.createCellStyle();
            number.setDataFormat((short) BuiltinFormats.getBuiltinFormat("0"));
            for (int i = 0; i < 11; i++) {
                sheet.setColumnWidth(i, 20 * 256);
            }
            sheet.createFreezePane(0, 1);
            sheet.setAutoFilter(new CellRangeAddress(0, rows.size(), 0, 10));
            RowGeneratorFunction generator = generated -> {
                Row first = generated.createRow(0);
                for (int i = 0; i < 11; i++) {
                    Cell cell = first.createCell(i);
                    cell.setCellValue("Column " + i);
                    cell.setCellStyle(header);
                }
                int r = 1;
                for (Object[] values : rows) {
                    Row row = generated.createRow(r++);
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] instanceof String s) {
                            Cell cell = row.createCell(i);
                            cell.setCellValue(s);
                            cell.setCellStyle(text);
                        } else if (values[i] instanceof Integer n) {
                            Cell cell = row.createCell(i);
                            cell.setCellValue(n);
                            cell.setCellStyle(number);
                        }
                    }
                }
            };
            if (sheet instanceof DeferredSXSSFSheet deferred) {
                deferred.setRowGenerator(generator);
            } else {
                try {
                    generator.generateRows(sheet);
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
            workbook.write(out);
            workbook.dispose();
        }
        return out.count;
    }

    private long export(ExportFormat format) throws IOException {
        CountingOutput out = new CountingOutput();
        try (PreparedExport export = exports.prepare(ExportRequest.ALL, format, ADMIN)) {
            export.writeTo(out);
        }
        return out.count;
    }

    private void fill(long offset, long rows) throws Exception {
        Path file = Files.createTempFile("atrium-export-benchmark", ".csv");
        ImportBenchmark.write(file, offset, (int) rows, "", true);
        ImportBenchmark.importAndAwait(imports, file, ADMIN);
        Files.delete(file);
    }

    private interface Work {
        long run() throws Exception;
    }

    private record Timed(double seconds, long bytes, long liveHeapMb) {
    }

    /** Runs the work, sampling the live heap (after each collection) every 100 ms meanwhile. */
    private static Timed timed(Work work) throws Exception {
        System.gc();
        AtomicLong liveMax = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> liveMax.accumulateAndGet(ImportBenchmark.liveHeapMb(), Math::max), 0, 100,
                TimeUnit.MILLISECONDS);
        try {
            long start = System.nanoTime();
            long bytes = work.run();
            return new Timed((System.nanoTime() - start) / 1e9, bytes, liveMax.get());
        } finally {
            sampler.shutdownNow();
        }
    }

    /** The heap in use before the work and at most during it, each time after a full collection. */
    private static long[] liveDuring(Work work) throws Exception {
        System.gc();
        long before = usedHeapMb();
        AtomicLong liveMax = new AtomicLong(before);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            System.gc();
            liveMax.accumulateAndGet(usedHeapMb(), Math::max);
        }, 2, 2, TimeUnit.SECONDS);
        try {
            work.run();
        } finally {
            sampler.shutdownNow();
        }
        return new long[] {before, liveMax.get()};
    }

    private static long usedHeapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    /** Counts the bytes of a file and drops them. */
    private static final class CountingOutput extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
