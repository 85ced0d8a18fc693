package org.atrium.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;

/** Completes office location numbers. */
@Service
public class OfficeCompleter implements Completer {

    @Reference
    OfficeDirectory offices;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter completer = new StringsCompleter();
        offices.list().stream().map(OfficeLocation::number).map(String::valueOf).forEach(completer.getStrings()::add);
        return completer.complete(session, commandLine, candidates);
    }
}
