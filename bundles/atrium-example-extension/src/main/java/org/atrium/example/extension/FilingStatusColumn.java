package org.atrium.example.extension;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientType;
import org.atrium.api.export.ExportColumn;
import org.osgi.service.component.annotations.Component;

/**
 * An extra export column, "Filing status": an {@link ExportColumn} service, which users pick by its name
 * ({@code columns=...,filingStatus}) while this bundle runs.
 */
@Component
public class FilingStatusColumn implements ExportColumn {

    @Override
    public String name() {
        return "filingStatus";
    }

    @Override
    public String label() {
        return "Filing status";
    }

    @Override
    public Object value(Client client) {
        if (client.type() == ClientType.ENTITY) {
            return "Entity";
        }
        return client.marriedFilingJointly() ? "Married filing jointly" : "Single or separate";
    }
}
