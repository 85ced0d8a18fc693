package org.atrium.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.Spouse;

@Service
@Command(scope = "atrium", name = "client-show", description = "Shows one client (tax IDs masked)")
public class ClientShowCommand implements Action {

    @Argument(index = 0, name = "clientId", required = true, description = "The client ID")
    @Completion(ClientIdCompleter.class)
    String clientId;

    @Reference
    ClientRegister register;

    @Override
    public Object execute() {
        Client c = register.find(clientId).orElse(null);
        if (c == null) {
            System.err.println("No client with client ID '" + clientId + "'.");
            return null;
        }
        ShellTable table = ConsoleTables.fitted().noHeaders();
        table.column("Field");
        table.column("Value").wrap();
        row(table, "Client ID", c.clientId());
        row(table, "Type", c.type());
        row(table, "Name", c.name());
        row(table, "Email", c.email());
        row(table, "SSN/EIN", c.maskedTaxId());
        row(table, "Date of birth", c.dateOfBirth());
        row(table, "Mobile", c.mobileNumber() == null ? null : "+" + c.countryCode() + " " + c.mobileNumber());
        row(table, "Office location", c.officeLocation());
        row(table, "Married filing jointly", c.marriedFilingJointly() ? "yes" : "no");
        Spouse s = c.spouse();
        if (s != null) {
            row(table, "Spouse name", s.name());
            row(table, "Spouse email", s.email());
            row(table, "Spouse SSN", s.maskedTaxId());
            row(table, "Spouse date of birth", s.dateOfBirth());
            row(table, "Spouse mobile", s.mobileNumber() == null ? null : "+" + s.countryCode() + " " + s.mobileNumber());
            row(table, "Spouse signs first", c.spouseSignsFirst() ? "yes" : "no");
        }
        row(table, "Portal access", c.portalAccess() ? "on" : "off");
        row(table, "SMS OTP", c.smsOtp() ? "on" : "off");
        row(table, "Drop-off access", c.dropOffAccess() ? "on" : "off");
        row(table, "Status", c.status());
        row(table, "Created", c.createdAt());
        row(table, "Updated", c.updatedAt());
        row(table, "Version", c.version());
        table.print(System.out);
        return null;
    }

    private static void row(ShellTable table, String field, Object value) {
        table.addRow().addContent(field, value == null ? "" : value);
    }
}
