package org.atrium.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;

@Service
@Command(scope = "atrium", name = "office-list", description = "Lists the office locations")
public class OfficeListCommand implements Action {

    @Reference
    OfficeDirectory offices;

    @Override
    public Object execute() {
        ShellTable table = ConsoleTables.fitted();
        table.column("Number").alignRight();
        table.column("Name").wrap();
        for (OfficeLocation office : offices.list()) {
            table.addRow().addContent(office.number(), office.name());
        }
        table.print(System.out);
        return null;
    }
}
