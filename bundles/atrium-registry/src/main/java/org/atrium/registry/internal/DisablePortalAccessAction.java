package org.atrium.registry.internal;

import org.atrium.api.client.BulkAction;
import org.atrium.api.client.ClientRegister;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(property = BulkAction.NAME + "=DISABLE_PORTAL_ACCESS")
public class DisablePortalAccessAction implements BulkAction {

    private final ClientRegister register;

    @Activate
    public DisablePortalAccessAction(@Reference ClientRegister register) {
        this.register = register;
    }

    @Override
    public void apply(String clientId) {
        register.setPortalAccess(clientId, false);
    }
}
