package org.atrium.database.internal.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.atrium.database.internal.DatabaseCopy;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Copies the register (and every other Atrium table) from the database Atrium uses into an empty
 * PostgreSQL database, then says how to switch to it. The password is asked for, or read from a file only
 * its owner may read: never typed on the command line, where the console's history would keep it.
 */
@Service
@Command(scope = "atrium", name = "migrate-database", description = "Copies Atrium's database into an empty "
        + "PostgreSQL database (then switch etc/atrium.database.cfg to it)")
public class MigrateDatabaseCommand implements Action {

    static final String POSTGRESQL_DRIVER = "PostgreSQL JDBC Driver";

    @Option(name = "--url", required = true, description = "The empty database: jdbc:postgresql://HOST:5432/DATABASE")
    String url;

    @Option(name = "--user", required = true, description = "The role Atrium will connect as (it owns the database)")
    String user;

    @Option(name = "--password-file", description = "A file holding the password (chmod 600); without it, it is asked for")
    String passwordFile;

    @Reference
    DatabaseCopy copy;

    @Reference
    BundleContext context;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--url must be jdbc:postgresql://HOST:PORT/DATABASE. Nothing was copied.");
        }
        Map<String, Long> copied = copy.copyTo(target(password()));
        long rows = copied.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("Copied " + rows + " rows in " + copied.size() + " tables:");
        copied.forEach((table, count) -> System.out.printf("  %-24s %,d%n", table, count));
        System.out.println("Atrium still uses its current database. To use the copy, write in etc/atrium.database.cfg");
        System.out.println("(chmod 600 it, it holds the password):");
        System.out.println("  type = postgresql");
        System.out.println("  url = " + url);
        System.out.println("  user = " + user);
        System.out.println("  password = ...");
        return null;
    }

    private String password() throws Exception {
        if (passwordFile != null) {
            return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
        }
        return session.readLine("Password of " + user + ": ", '*');
    }

    private DataSource target(String password) throws Exception {
        ServiceReference<DataSourceFactory> factory = context.getServiceReferences(DataSourceFactory.class,
                "(" + DataSourceFactory.OSGI_JDBC_DRIVER_NAME + "=" + POSTGRESQL_DRIVER + ")").stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL's driver is not installed (atrium-persistence)"));
        Properties settings = new Properties();
        settings.setProperty(DataSourceFactory.JDBC_URL, url);
        settings.setProperty(DataSourceFactory.JDBC_USER, user);
        settings.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        return context.getService(factory).createDataSource(settings);
    }
}
