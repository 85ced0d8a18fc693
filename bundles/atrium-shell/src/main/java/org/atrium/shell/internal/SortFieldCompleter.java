package org.atrium.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.atrium.api.client.SortField;

/** Completes a sort: each field, ascending or descending ({@code name}, {@code name,desc}). */
@Service
public class SortFieldCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter completer = new StringsCompleter();
        for (SortField field : SortField.values()) {
            completer.getStrings().add(field.apiName());
            completer.getStrings().add(field.apiName() + ",desc");
        }
        return completer.complete(session, commandLine, candidates);
    }
}
