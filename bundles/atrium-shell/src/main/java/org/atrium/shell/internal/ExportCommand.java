package org.atrium.shell.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.client.AtriumException;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.export.ClientExports;
import org.atrium.api.export.ExportFormat;
import org.atrium.api.export.ExportRequest;
import org.atrium.api.export.ExportRequestException;
import org.atrium.api.export.PreparedExport;
import org.atrium.api.security.Actor;
import org.atrium.rest.support.ClientSearchParameters;

/** Available while the atrium-exporter feature is installed. */
@Service
@Command(scope = "atrium", name = "export", description = "Exports clients (all matching a query) to an Excel or CSV file")
public class ExportCommand implements Action {

    @Argument(index = 0, name = "file", required = true,
            description = "The file to write on the server: .xlsx or .csv (see --format)")
    @Completion(FileCompleter.class)
    String file;

    @Argument(index = 1, name = "query", required = false,
            description = "Words of the client ID, name or email (the last may be begun), or a 9-digit SSN/EIN")
    String query;

    @Option(name = "--columns", description = "Column names, comma-separated, in order (default: the list's)")
    @Completion(ExportColumnCompleter.class)
    String columns;

    @Option(name = "--status", description = "PENDING, INVITED or REGISTERED")
    @Completion(value = StringsCompleter.class, values = {"PENDING", "INVITED", "REGISTERED"})
    String status;

    @Option(name = "--office", description = "Only this office location number")
    @Completion(OfficeCompleter.class)
    String office;

    @Option(name = "--portal-access", description = "true or false")
    @Completion(value = StringsCompleter.class, values = {"true", "false"})
    String portalAccess;

    @Option(name = "--sort", description = "field, field,asc or field,desc (e.g. name,desc)")
    @Completion(SortFieldCompleter.class)
    String sort;

    @Option(name = "--format", description = "xlsx or csv (default: from the file name)")
    @Completion(value = StringsCompleter.class, values = {"xlsx", "csv"})
    String format;

    @Option(name = "--reveal-tax-ids", description = "Full SSN/EIN instead of masked ones (audited)")
    boolean revealTaxIds;

    @Option(name = "--list-columns", description = "Only list the columns that can be chosen")
    boolean listColumns;

    @Reference
    ClientExports exports;

    @Override
    public Object execute() throws IOException {
        if (listColumns) {
            ShellTable table = ConsoleTables.fitted();
            table.column("Column");
            table.column("Default");
            table.column("Label").wrap();
            exports.columns().forEach(c -> table.addRow().addContent(c.name(), c.byDefault() ? "yes" : "", c.label()));
            table.print(System.out);
            return null;
        }
        Path target = Path.of(file).toAbsolutePath();
        try {
            ExportFormat chosen = format(target);
            ClientFilter filter = ClientSearchParameters.filter(query, status, portalAccess, office);
            ClientQuery order = ClientSearchParameters.query(filter, sort, null, null);
            ExportRequest request = new ExportRequest(filter, order.sort(), order.descending(),
                    ExportRequest.columnNames(columns), revealTaxIds);
            // the console is for administrators; the audit trail names the console user
            Actor actor = Actor.administrator(InviteCommand.consoleUser());
            try (PreparedExport export = exports.prepare(request, chosen, actor)) {
                long written = write(export, target);
                System.out.println("Exported " + written + " clients to " + target + ".");
            }
        } catch (AtriumException e) {
            System.out.println(e.getMessage());
        }
        return null;
    }

    private ExportFormat format(Path target) {
        String name = format != null ? format : target.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("xlsx") || lower.endsWith(".xlsx")) {
            return ExportFormat.XLSX;
        }
        if (lower.equals("csv") || lower.endsWith(".csv")) {
            return ExportFormat.CSV;
        }
        throw new ExportRequestException("Name the file .xlsx or .csv, or give --format xlsx or --format csv.");
    }

    /**
     * Into a file only its owner can read (taxpayer data), complete or not at all: written beside the target
     * and moved into place at the end.
     */
    private static long write(PreparedExport export, Path target) throws IOException {
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path partial = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(folder, ".export-", ".part",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, ".export-", ".part");
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(partial)) {
                written = export.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
