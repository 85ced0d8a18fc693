package org.atrium.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.atrium.api.export.ClientExports;
import org.atrium.api.export.ExportColumnInfo;

/** Completes the names of the columns an export can have (the built-in ones and those of firms' bundles). */
@Service
public class ExportColumnCompleter implements Completer {

    @Reference
    ClientExports exports;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter completer = new StringsCompleter();
        exports.columns().stream().map(ExportColumnInfo::name).forEach(completer.getStrings()::add);
        return completer.complete(session, commandLine, candidates);
    }
}
