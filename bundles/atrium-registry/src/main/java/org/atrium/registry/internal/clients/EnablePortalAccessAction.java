package org.atrium.registry.internal.clients;

import org.atrium.api.client.BulkAction;
import org.atrium.api.client.ClientRegister;
import org.osgi.service.component.annotations.Component;

/** Bulk action ENABLE_PORTAL_ACCESS: Turns portal access on. */
@Component(property = BulkAction.NAME + "=ENABLE_PORTAL_ACCESS")
public class EnablePortalAccessAction implements BulkAction {

    @Override
    public void apply(ClientRegister register, String clientId) {
        register.setPortalAccess(clientId, true);
    }
}
