package org.atrium.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.instructions.ClientInstructions;
import org.atrium.api.instructions.Instruction;

/** Available while the atrium-instructions feature is installed. */
@Service
@Command(scope = "atrium", name = "instructions-list", description = "Lists the onboarding email templates (IDs: first 8 characters)")
public class InstructionsListCommand implements Action {

    private static final int NAME_WIDTH = 24;

    @Reference
    ClientInstructions instructions;

    @Override
    public Object execute() {
        ShellTable table = ConsoleTables.fitted();
        table.column("ID");
        table.column("Default");
        table.column("Name").maxSize(NAME_WIDTH);
        table.column("Subject").wrap();
        for (Instruction instruction : instructions.list()) {
            table.addRow().addContent(ConsoleTables.shortId(instruction.id()), instruction.isDefault() ? "yes" : "", instruction.name(),
                    instruction.subject());
        }
        table.print(System.out);
        return null;
    }
}
