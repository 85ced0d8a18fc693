package org.atrium.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.SortField;

/** Completes client IDs from one indexed search page of what was typed so far: cheap at any register size. */
@Service
public class ClientIdCompleter implements Completer {

    static final int MAX_CANDIDATES = 50;

    @Reference
    ClientRegister register;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String typed = commandLine.getCursorArgument() == null ? ""
                : commandLine.getCursorArgument().substring(0, commandLine.getArgumentPosition());
        StringsCompleter completer = new StringsCompleter();
        register.search(new ClientQuery(new ClientFilter(typed.isEmpty() ? null : typed, null, null, null),
                SortField.CLIENT_ID, false, 0, MAX_CANDIDATES)).items().stream()
                .map(Client::clientId).filter(id -> id.startsWith(typed)).forEach(completer.getStrings()::add);
        return completer.complete(session, commandLine, candidates);
    }
}
