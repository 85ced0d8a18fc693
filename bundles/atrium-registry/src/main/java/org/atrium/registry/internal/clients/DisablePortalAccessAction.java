package org.atrium.registry.internal.clients;

import org.atrium.api.client.BulkAction;
import org.atrium.api.client.ClientRegister;
import org.osgi.service.component.annotations.Component;

/** Bulk action DISABLE_PORTAL_ACCESS: Turns portal access off. */
@Component(property = BulkAction.NAME + "=DISABLE_PORTAL_ACCESS")
public class DisablePortalAccessAction implements BulkAction {

    @Override
    public void apply(ClientRegister register, String clientId) {
        register.setPortalAccess(clientId, false);
    }
}
