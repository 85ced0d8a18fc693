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
@Command(scope = "atrium", name = "instructions-list", description = "Lists the onboarding email templates")
public class InstructionsListCommand implements Action {

    @Reference
    ClientInstructions instructions;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Default");
        table.column("Name");
        table.column("Subject").maxSize(60);
        for (Instruction instruction : instructions.list()) {
            table.addRow().addContent(instruction.id(), instruction.isDefault() ? "yes" : "", instruction.name(),
                    instruction.subject());
        }
        table.print(System.out);
        return null;
    }
}
