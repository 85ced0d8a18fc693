package org.atrium.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.atrium.api.client.AtriumException;
import org.atrium.api.client.BulkAction;
import org.atrium.api.client.BulkResult;
import org.atrium.api.client.ClientRegister;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk actions currently registered by any bundle, by name. An action appears and disappears with its
 * bundle; the bulk endpoint offers exactly what is here.
 */
@Component(service = BulkActions.class)
public class BulkActions {

    private static final Logger LOG = LoggerFactory.getLogger(BulkActions.class);

    private final Map<String, BulkAction> actions = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAction(BulkAction action, Map<String, Object> properties) {
        Object name = properties.get(BulkAction.NAME);
        if (name instanceof String actionName) {
            actions.put(actionName, action);
        } else {
            LOG.warn("Ignoring a bulk action service without the {} property", BulkAction.NAME);
        }
    }

    void removeAction(BulkAction action, Map<String, Object> properties) {
        Object name = properties.get(BulkAction.NAME);
        if (name instanceof String actionName) {
            actions.remove(actionName, action);
        }
    }

    Set<String> names() {
        return new TreeSet<>(actions.keySet());
    }

    boolean has(String name) {
        return actions.containsKey(name);
    }

    /** The action of that name while its bundle runs. */
    Optional<BulkAction> action(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    /**
     * Applies the action to each client once, each in its own transaction; one client's failure does not
     * stop the others. The action works through {@code register}, the user's view of the register, so a
     * client outside the user's offices fails as not found.
     */
    BulkResult run(String name, ClientRegister register, List<String> clientIds) {
        BulkAction action = action(name).orElseThrow(() -> new IllegalStateException("bulk action " + name
                + " is not available"));
        action.checkAvailable();
        Set<String> unique = new LinkedHashSet<>(clientIds);
        List<BulkResult.Failure> failed = new ArrayList<>();
        for (String clientId : unique) {
            applyTo(action, name, register, clientId).ifPresent(failed::add);
        }
        return new BulkResult(unique.size(), unique.size() - failed.size(), failed);
    }

    /** Applies the action to one client: nothing when it succeeded, else the reason it did not. */
    static Optional<BulkResult.Failure> applyTo(BulkAction action, String name, ClientRegister register, String clientId) {
        try {
            action.apply(register, clientId);
            return Optional.empty();
        } catch (AtriumException e) {
            return Optional.of(new BulkResult.Failure(clientId, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Bulk action {} failed for client {}", name, clientId, e);
            return Optional.of(new BulkResult.Failure(clientId, "Internal error; see the server log."));
        }
    }
}
