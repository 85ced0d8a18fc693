package org.atrium.registry.internal.clients;

import org.atrium.api.client.BulkAction;
import org.atrium.api.client.ClientRegister;
import org.osgi.service.component.annotations.Component;

/** Bulk action DELETE: Deletes each client. */
@Component(property = BulkAction.NAME + "=DELETE")
public class DeleteClientAction implements BulkAction {

    @Override
    public void apply(ClientRegister register, String clientId) {
        register.delete(clientId);
    }
}
