package org.atrium.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.atrium.api.database.DatabaseCopy;

/**
 * Copies the register (and every other Atrium table) from the database Atrium uses into an empty
 * PostgreSQL database, then says how to switch to it. The password is asked for, or read from a file only
 * its owner may read: never typed on the command line, where the console's history would keep it.
 */
@Service
@Command(scope = "atrium", name = "migrate-database", description = "Copies Atrium's database into an empty "
        + "PostgreSQL database")
public class MigrateDatabaseCommand implements Action {

    @Option(name = "--url", required = true, description = "The empty database: jdbc:postgresql://HOST:5432/DATABASE")
    String url;

    @Option(name = "--user", required = true, description = "The role Atrium will connect as (it owns the database)")
    String user;

    @Option(name = "--password-file", description = "A file holding the password (chmod 600); else it is asked for")
    String passwordFile;

    @Reference
    DatabaseCopy copy;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        Map<String, Long> copied = copy.copyToPostgresql(url, user, password());
        long rows = copied.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("Copied " + rows + " rows in " + copied.size() + " tables:");
        copied.forEach((table, count) -> System.out.printf("  %-24s %,d%n", table, count));
        System.out.println("Atrium still uses its current database. To use the copy, first give every node this");
        System.out.println("node's master key (tax IDs stay encrypted with it): in etc/atrium.keys.cfg (chmod 600)");
        System.out.println("  master.key = <the line in data/atrium/master.key, or tax-id.key in older installations>");
        System.out.println("or as ATRIUM_MASTER_KEY (atrium:master-key shows its fingerprint, to compare); then write in");
        System.out.println("etc/atrium.database.cfg (chmod 600 it: it holds the password):");
        System.out.println("  type = postgresql");
        System.out.println("  url = " + url);
        System.out.println("  user = " + user);
        System.out.println("  password = ...");
        return null;
    }

    private String password() throws IOException {
        if (passwordFile == null) {
            return session.readLine("Password of " + user + ": ", '*');
        }
        Path file = Path.of(passwordFile);
        if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
            throw new IllegalArgumentException(passwordFile + " may be read by every user of this machine: chmod 600 "
                    + "it first. Nothing was copied.");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
