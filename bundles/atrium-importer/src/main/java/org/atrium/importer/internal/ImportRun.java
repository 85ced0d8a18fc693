package org.atrium.importer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.atrium.api.client.ClientConflictException;
import org.atrium.api.imports.ImportCheck;
import org.atrium.api.imports.ImportLedger;
import org.atrium.api.imports.ImportProblem;
import org.atrium.api.imports.ImportProgress;
import org.atrium.api.imports.ImportRejectedException;
import org.atrium.api.imports.ImportResult;
import org.atrium.api.imports.ImportRows;
import org.atrium.api.imports.ImportState;

/**
 * One import job's work on its uploaded file. First the file is read once for its format (header, cell
 * formats, row count), then the register checks every row and, for a real import without a problem,
 * writes them all in one transaction. Only one row is in memory at a time; each pass reads the file again.
 */
final class ImportRun {

    /** Told how far the run is; see {@link org.atrium.api.imports.ImportJob#stage()}. */
    interface Progress {
        void at(String stage, long rowsTotal, long rowsProcessed);
    }

    /** How the run ended. For a dry run, {@code created}/{@code updated} are what the import would do. */
    /** @param taxIdsCleared stored SSNs/EINs the file erased, or for a dry run would erase */
    record Outcome(ImportState state, long rowsTotal, long created, long updated, List<RowError> errors,
            boolean capped, String reason, long taxIdsCleared) {

        Outcome(ImportState state, long rowsTotal, long created, long updated, List<RowError> errors,
                boolean capped, String reason) {
            this(state, rowsTotal, created, updated, errors, capped, reason, 0);
        }
    }

    /** Thrown from inside a pass when the importer is stopping; the register rolls the import back. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the importer is stopping", null, false, false);
        }
    }

    static final String READING = "READING";
    private static final int PROGRESS_EVERY = 1_000;

    private final String jobId;
    private final CsvSource upload;
    private final boolean dryRun;
    private final ImportLedger ledger;
    private final int maxErrors;
    private final Progress progress;
    private final BooleanSupplier stopping;
    private long rowsTotal;

    ImportRun(String jobId, CsvSource upload, boolean dryRun, ImportLedger ledger, int maxErrors, Progress progress,
            BooleanSupplier stopping) {
        this.jobId = jobId;
        this.upload = upload;
        this.dryRun = dryRun;
        this.ledger = ledger;
        this.maxErrors = maxErrors;
        this.progress = progress;
        this.stopping = stopping;
    }

    Outcome run() throws IOException {
        CsvEncoding encoding = CsvEncoding.of(upload);
        List<RowError> formatErrors = new ArrayList<>();
        try (CsvClientFile file = CsvClientFile.open(upload, encoding)) {
            if (file.header().isEmpty()) {
                return failed(List.of(new RowError(1, "", "", "The file is empty. It needs the template's header "
                        + "row, then one row per client.")), "The file is empty.");
            }
            List<RowError> headerErrors = HeaderCheck.errors(file.header());
            if (!headerErrors.isEmpty()) {
                return failed(headerErrors, "The header row is not the template's; nothing was written.");
            }
            Iterator<CsvClientFile.Row> rows = file.rows();
            while (rows.hasNext()) {
                CsvClientFile.Row row = rows.next();
                checkStopping();
                List<RowError> errors = CsvRowMapper.map(row.number(), row.cells()).errors();
                if (formatErrors.size() <= maxErrors) { // one more than listed tells that there were more
                    formatErrors.addAll(errors);
                }
                if (++rowsTotal % PROGRESS_EVERY == 0) {
                    progress.at(READING, rowsTotal, rowsTotal);
                }
            }
        } catch (UncheckedIOException malformed) {
            formatErrors.add(new RowError(0, "", "", malformed.getMessage()));
            return failed(formatErrors, "The file is not valid CSV; nothing was written.");
        }
        progress.at(READING, rowsTotal, rowsTotal);
        if (rowsTotal == 0) {
            return failed(List.of(new RowError(2, "", "", "The file has the header row but no client rows.")),
                    "The file has no client rows.");
        }
        ImportRows rows = handler -> readMappedRows(encoding, handler);
        if (!formatErrors.isEmpty() || dryRun) {
            ImportCheck check = ledger.check(rows, maxErrors, this::registerProgress);
            List<RowError> errors = merge(formatErrors, check.problems());
            if (errors.isEmpty()) {
                return new Outcome(ImportState.SUCCEEDED, rowsTotal, check.creates(), check.updates(), List.of(),
                        false, null, check.taxIdsCleared());
            }
            return failed(errors, check.problemsCapped());
        }
        try {
            ImportResult result = ledger.apply(jobId, rows, maxErrors, this::registerProgress);
            return new Outcome(ImportState.SUCCEEDED, rowsTotal, result.created(), result.updated(), List.of(), false,
                    null, result.taxIdsCleared());
        } catch (ImportRejectedException rejected) {
            return failed(merge(List.of(), rejected.check().problems()), rejected.check().problemsCapped());
        } catch (ClientConflictException conflict) {
            return failed(List.of(new RowError(0, "", "", conflict.getMessage())),
                    conflict.getMessage() + " Nothing was written; upload the file again.");
        }
    }

    private void registerProgress(ImportProgress.Stage stage, long rows) {
        checkStopping();
        progress.at(stage.name(), rowsTotal, rows);
    }

    /** Every row whose cells could be read, as client data; rows with format errors were reported already. */
    private void readMappedRows(CsvEncoding encoding, ImportRows.RowHandler handler) {
        try (CsvClientFile file = CsvClientFile.open(upload, encoding)) {
            Iterator<CsvClientFile.Row> rows = file.rows();
            while (rows.hasNext()) {
                CsvClientFile.Row row = rows.next();
                checkStopping();
                CsvRowMapper.Mapped mapped = CsvRowMapper.map(row.number(), row.cells());
                if (mapped.data() != null) {
                    handler.row(row.number(), mapped.data());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload of import " + jobId, e);
        }
    }

    private void checkStopping() {
        if (stopping.getAsBoolean()) {
            throw new Stopped();
        }
    }

    /** Both lists are in row order; so is the result, cut to the cap. */
    private List<RowError> merge(List<RowError> formatErrors, List<ImportProblem> problems) {
        List<RowError> merged = new ArrayList<>(formatErrors.size() + problems.size());
        int f = 0;
        int p = 0;
        while (f < formatErrors.size() || p < problems.size()) {
            if (p == problems.size()
                    || (f < formatErrors.size() && formatErrors.get(f).row() <= problems.get(p).row())) {
                merged.add(formatErrors.get(f++));
            } else {
                ImportProblem problem = problems.get(p++);
                merged.add(new RowError(problem.row(), problem.clientId(), CsvRowMapper.column(problem.field()),
                        problem.message()));
            }
        }
        return merged;
    }

    private Outcome failed(List<RowError> errors, boolean registerCapped) {
        boolean capped = registerCapped || errors.size() > maxErrors;
        List<RowError> listed = errors.size() > maxErrors ? errors.subList(0, maxErrors) : errors;
        return new Outcome(ImportState.FAILED, rowsTotal, 0, 0, List.copyOf(listed), capped,
                (capped ? "More than " + listed.size() : String.valueOf(listed.size()))
                        + " problem(s) in the file; nothing was written. The error CSV lists them.");
    }

    private Outcome failed(List<RowError> errors, String reason) {
        return new Outcome(ImportState.FAILED, rowsTotal, 0, 0, List.copyOf(errors), false, reason);
    }
}
