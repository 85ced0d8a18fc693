package org.atrium.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.Page;
import org.atrium.api.client.SortField;

@Service
@Command(scope = "atrium", name = "client-list", description = "Lists clients, optionally only those matching a query")
public class ClientListCommand implements Action {

    @Argument(index = 0, name = "query", required = false,
            description = "Words of the client ID, name or email (the last may be begun), or a 9-digit SSN/EIN")
    String query;

    @Option(name = "--page", description = "Zero-based page number")
    int page = 0;

    @Option(name = "--size", description = "Clients per page (1-500)")
    int size = ClientQuery.DEFAULT_SIZE;

    /** Longer client IDs are cut; atrium:client-show shows one whole. */
    static final int CLIENT_ID_WIDTH = 12;

    @Reference
    ClientRegister register;

    /** Person, MFJ (a married couple filing jointly) or Entity: short, so the name keeps some width. */
    static String type(Client client) {
        if (client.marriedFilingJointly()) {
            return "MFJ";
        }
        return client.type() == ClientType.ENTITY ? "Entity" : "Person";
    }

    @Override
    public Object execute() {
        ClientFilter filter = new ClientFilter(query, null, null, null);
        Page<Client> result = register.search(new ClientQuery(filter, SortField.CLIENT_ID, false, page, size));
        ShellTable table = ConsoleTables.fitted();
        table.column("Client ID").maxSize(CLIENT_ID_WIDTH);
        table.column("Type");
        table.column("SSN/EIN");
        table.column("Status");
        table.column("Portal");
        table.column("Office").alignRight();
        table.column("Name").wrap();
        for (Client client : result.items()) {
            table.addRow().addContent(client.clientId(), type(client), client.taxId() == null ? "" : client.maskedTaxId(),
                    client.status(), client.portalAccess() ? "on" : "off", client.officeLocation(), client.name());
        }
        table.print(System.out);
        // an operator at the console wants the number; a few hundred ms for a million is fine here
        long total = result.totalExact() ? result.total() : register.count(filter);
        long first = total == 0 ? 0 : (long) page * size + 1;
        System.out.println(first + "-" + ((long) page * size + result.items().size()) + " of " + total + " clients");
        return null;
    }
}
