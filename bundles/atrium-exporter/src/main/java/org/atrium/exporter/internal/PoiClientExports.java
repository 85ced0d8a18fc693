package org.atrium.exporter.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.health.HealthCheck;
import org.atrium.api.health.HealthResult;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.ClientVisitor;
import org.atrium.api.client.ServiceUnavailableException;
import org.atrium.api.export.ClientExports;
import org.atrium.api.export.ExportColumn;
import org.atrium.api.export.ExportColumnInfo;
import org.atrium.api.export.ExportFormat;
import org.atrium.api.export.ExportRequest;
import org.atrium.api.export.ExportRequestException;
import org.atrium.api.export.PreparedExport;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;
import org.atrium.api.security.Actor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports of the client list with Apache POI (xlsx) and Commons CSV. Clients come from
 * {@link ClientRegister#forEachClient} in chunks and go straight to the file, so memory stays flat whatever
 * their number. Columns: {@link BuiltInColumns}, then any {@link ExportColumn} services.
 */
@Component(service = {ClientExports.class, HealthCheck.class}, property = HealthCheck.NAME + "=exports",
        configurationPid = "atrium.exporter")
@Designate(ocd = ExporterConfig.class)
public class PoiClientExports implements ClientExports, HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(PoiClientExports.class);
    /** How long a prepared export keeps its place without being written. */
    static final Duration UNUSED_RESERVATION = Duration.ofMinutes(1);
    /** Characters of a firm's column, unless its label is longer. */
    private static final int ADDED_COLUMN_WIDTH = 16;
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final ClientRegister register;
    private final OfficeDirectory offices;
    private final AuditTrail audit;
    private final ZoneId zone;
    private final Clock clock;
    private final int maxConcurrent;
    private final Semaphore running;
    /** Prepared exports holding a reservation, so that one never written cannot keep it for ever. */
    private final Set<ClientExport> reserved = ConcurrentHashMap.newKeySet();
    /** Threads that read clients while the caller writes the file (see {@link RowFeed}). */
    private final ExecutorService readers = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "atrium-export-reader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });
    /** The last export written since the exporter started, for the health report. */
    private volatile LastExport lastExport;
    /** Columns of other bundles by name; the built-in ones keep their names. */
    private final Map<String, ExportColumn> addedColumns = new ConcurrentSkipListMap<>();

    /** The {@code exports} health check: exports running, and the last one written since the start. */
    @Override
    public HealthResult check() {
        return LastExport.health(maxConcurrent - running.availablePermits(), lastExport);
    }

    @Activate
    public PoiClientExports(@Reference ClientRegister register, @Reference OfficeDirectory offices,
            @Reference AuditTrail audit, ExporterConfig config) {
        this(register, offices, audit, zone(config.time_zone()), Clock.systemUTC(), config.max_concurrent());
    }

    PoiClientExports(ClientRegister register, OfficeDirectory offices, AuditTrail audit, ZoneId zone, Clock clock,
            int maxConcurrent) {
        this.register = register;
        this.offices = offices;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
        this.maxConcurrent = Math.max(1, maxConcurrent);
        this.running = new Semaphore(this.maxConcurrent);
    }

    private static ZoneId zone(String configured) {
        if (configured == null || configured.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(configured.strip());
        } catch (RuntimeException e) {
            LOG.warn("atrium.exporter: time.zone '{}' is not a time zone; using the server's ({})", configured,
                    ZoneId.systemDefault());
            return ZoneId.systemDefault();
        }
    }

    /** Exports still running when the bundle stops fail rather than hold its classes. */
    @Deactivate
    void stop() {
        readers.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addColumn(ExportColumn column) {
        String name = column.name();
        if (name == null || !COLUMN_NAME.matcher(name).matches()) {
            LOG.warn("Export column {} ignored: its name '{}' is not letters, digits, '.', '-' or '_'",
                    column.getClass().getName(), name);
        } else if (builtIn(name) != null) {
            LOG.warn("Export column {} ignored: '{}' is a built-in column", column.getClass().getName(), name);
        } else if (addedColumns.putIfAbsent(name, column) != null) {
            LOG.warn("Export column {} ignored: another service already adds '{}'", column.getClass().getName(), name);
        }
    }

    void removeColumn(ExportColumn column) {
        if (column.name() != null) {
            addedColumns.remove(column.name(), column);
        }
    }

    @Override
    public List<ExportColumnInfo> columns() {
        List<ExportColumnInfo> columns = new ArrayList<>();
        BuiltInColumns.ALL.forEach(c -> columns.add(new ExportColumnInfo(c.name(), c.label(), c.byDefault())));
        addedColumns.values().forEach(c -> columns.add(new ExportColumnInfo(c.name(), c.label(), false)));
        return columns;
    }

    @Override
    public PreparedExport prepare(ExportRequest request, ExportFormat format, Actor actor) {
        List<Column> chosen = choose(request.columns());
        if (request.revealTaxIds() && !actor.administrator()) {
            throw new AccessDeniedException("Only administrators may export full SSN/EIN (revealTaxIds=true).");
        }
        // an export prepared but never written (its HTTP response was never sent) gives its place back
        reserved.removeIf(ClientExport::releaseIfUnused);
        if (!running.tryAcquire()) {
            throw new ServiceUnavailableException("As many exports as may run at the same time (" + maxConcurrent
                    + ") are running; try again when one has finished.");
        }
        ClientExport export = new ClientExport(request, format, actor, chosen);
        reserved.add(export);
        return export;
    }

    /** The columns asked for, in that order; the default ones when none are named. */
    List<Column> choose(List<String> names) {
        if (names.isEmpty()) {
            return BuiltInColumns.ALL.stream().filter(Column::byDefault).toList();
        }
        List<Column> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new ExportRequestException("Column '" + name + "' is asked for twice.");
            }
            Column column = builtIn(name);
            if (column == null) {
                ExportColumn added = addedColumns.get(name);
                if (added == null) {
                    throw new ExportRequestException("Unknown column '" + name + "'. Columns: "
                            + columns().stream().map(ExportColumnInfo::name).collect(Collectors.joining(", "))
                            + ".");
                }
                column = adapt(added);
            }
            chosen.add(column);
        }
        return chosen;
    }

    private static Column builtIn(String name) {
        return BuiltInColumns.ALL.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * A firm's column; if it fails for a client, that cell stays empty and the export goes on. It sees the tax
     * IDs masked unless it says it needs them.
     */
    private static Column adapt(ExportColumn column) {
        AtomicBoolean warned = new AtomicBoolean();
        boolean fullTaxIds = column.needsFullTaxIds();
        return new Column(column.name(), column.label(), false, false, ADDED_COLUMN_WIDTH, (client, context) -> {
            try {
                return column.value(fullTaxIds ? client : client.withTaxIdsMasked());
            } catch (RuntimeException e) {
                if (warned.compareAndSet(false, true)) {
                    LOG.warn("Export column '{}' ({}) failed for client {}; its cells stay empty where it fails",
                            column.name(), column.getClass().getName(), client.clientId(), e);
                }
                return null;
            }
        });
    }

    private Map<Integer, String> officeNames() {
        Map<Integer, String> names = new HashMap<>();
        for (OfficeLocation office : offices.list()) {
            names.put(office.number(), office.name());
        }
        return names;
    }

    private final class ClientExport implements PreparedExport {
        private final ExportRequest request;
        private final ExportFormat format;
        private final Actor actor;
        private final List<Column> columns;
        private final String fileName;
        private final AtomicBoolean used = new AtomicBoolean();
        private final AtomicBoolean released = new AtomicBoolean();
        private final Instant preparedAt = clock.instant();

        ClientExport(ExportRequest request, ExportFormat format, Actor actor, List<Column> columns) {
            this.request = request;
            this.format = format;
            this.actor = actor;
            this.columns = columns;
            this.fileName = "atrium-clients-" + LocalDate.now(clock.withZone(zone)) + "." + format.extension();
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public ExportFormat format() {
            return format;
        }

        @Override
        public long writeTo(OutputStream out) throws IOException {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("An export is written once.");
            }
            if (released.get()) {
                throw new IllegalStateException("This export was closed, or waited more than " + UNUSED_RESERVATION
                        + " to be written; prepare it again.");
            }
            try {
                long started = System.nanoTime();
                boolean revealing = request.revealTaxIds() && columns.stream().anyMatch(Column::showsTaxId);
                ExportContext context = new ExportContext(officeNames(), revealing);
                recordInAuditTrail(revealing);
                long written = write(out, context);
                LOG.info("{} exported {} clients as {} in {} ms", actor.name(), written, format,
                        (System.nanoTime() - started) / 1_000_000);
                lastExport = new LastExport(clock.instant(), format, written);
                return written;
            } finally {
                close();
            }
        }

        private long write(OutputStream out, ExportContext context) throws IOException {
            ClientRegister view = register.as(actor);
            SheetWriter writer = format == ExportFormat.XLSX ? new XlsxSheetWriter(out, zone)
                    : new CsvSheetWriter(out, zone);
            try (RowFeed rows = new RowFeed(readers, (expected, row) -> view.forEachClient(request.filter(),
                    request.sort(), request.descending(), new ClientVisitor() {
                        @Override
                        public void matching(long count) {
                            expected.accept(count);
                        }

                        @Override
                        public void visit(Client client) {
                            row.accept(values(client, context));
                        }
                    }))) {
                return writer.write(columns, rows);
            }
        }

        private Object[] values(Client client, ExportContext context) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = columns.get(i).value().of(client, context);
            }
            return values;
        }

        private void recordInAuditTrail(boolean revealing) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("format", format.extension());
            details.put("columns", columns.stream().map(Column::name).collect(Collectors.joining(",")));
            details.put("filter", ExportAuditText.filter(request.filter(), request.sort(), request.descending()));
            details.put("taxIdsRevealed", revealing ? "yes" : "no");
            audit.record(actor.name(), AuditActions.CLIENTS_EXPORTED, null, "export " + fileName,
                    details.entrySet().stream().map(e -> new FieldChange(e.getKey(), null, e.getValue())).toList());
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                reserved.remove(this);
                running.release();
            }
        }

        /** Releases the reservation of an export prepared long ago and never written; true if it did. */
        boolean releaseIfUnused() {
            boolean stale = !used.get() && clock.instant().isAfter(preparedAt.plus(UNUSED_RESERVATION));
            if (stale && released.compareAndSet(false, true)) {
                running.release();
                return true;
            }
            return false;
        }
    }
}
