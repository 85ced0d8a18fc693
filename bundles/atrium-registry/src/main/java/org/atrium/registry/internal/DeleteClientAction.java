package org.atrium.registry.internal;

import org.atrium.api.client.BulkAction;
import org.atrium.api.client.ClientRegister;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(property = BulkAction.NAME + "=DELETE")
public class DeleteClientAction implements BulkAction {

    private final ClientRegister register;

    @Activate
    public DeleteClientAction(@Reference ClientRegister register) {
        this.register = register;
    }

    @Override
    public void apply(String clientId) {
        register.delete(clientId);
    }
}
