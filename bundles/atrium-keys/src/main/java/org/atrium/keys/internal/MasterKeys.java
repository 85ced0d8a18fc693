package org.atrium.keys.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.atrium.api.health.HealthCheck;
import org.atrium.api.health.HealthResult;
import org.atrium.api.keys.SecretKeys;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers {@link SecretKeys} while there is a master key, and reports on it as the {@code keys} health check. Both
 * are registered by hand rather than as this component's services: Declarative Services would publish the
 * configuration, master key and database password included, as service properties for anyone to list. A
 * change of either file that leaves the key as it was (a new pool size, the same key moved from a file into
 * etc/atrium.keys.cfg) changes nothing; another key withdraws the service and offers a new one, so that the
 * parts using it start over with the new keys.
 */
@Component(service = {}, immediate = true, configurationPid = {"atrium.database", MasterKeys.PID}, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class MasterKeys {

    public static final String PID = "atrium.keys";
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
    private static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private final BundleContext context;
    private final MasterKeySources sources;
    private MasterKey current;
    private ServiceRegistration<SecretKeys> registration;
    private final ServiceRegistration<HealthCheck> health;
    private volatile Optional<String> problem = Optional.empty();
    private volatile String source = "";
    private volatile String fingerprint = "";

    @Activate
    public MasterKeys(BundleContext context, KeysConfig config, Map<String, Object> properties) {
        this.context = context;
        String data = context.getProperty("karaf.data");
        this.sources = new MasterKeySources(Path.of(data != null ? data : "data", "atrium"));
        apply(config, properties);
        health = context.registerService(HealthCheck.class, this::check,
                FrameworkUtil.asDictionary(Map.of(HealthCheck.NAME, "keys")));
    }

    @Modified
    synchronized void apply(KeysConfig config, Map<String, Object> properties) {
        MasterKey found;
        try {
            found = sources.find(config, properties.get(FILE_PROPERTY),
                    System.getenv(MasterKeySources.ENVIRONMENT_VARIABLE));
        } catch (MasterKeySources.NoMasterKey | IOException e) {
            withdraw();
            problem = Optional.of(e.getMessage());
            LOG.error("Atrium has no master key, so nothing that encrypts runs (the register among them): {}",
                    e.getMessage());
            return;
        }
        problem = Optional.empty();
        source = found.source();
        if (found.sameKey(current)) {
            return;
        }
        withdraw();
        current = found;
        fingerprint = found.fingerprint();
        registration = context.registerService(SecretKeys.class, found, null);
        LOG.info("Atrium's master key: from {}, fingerprint {}", found.source(), fingerprint);
    }

    @Deactivate
    void deactivate() {
        health.unregister();
        withdraw();
    }

    private synchronized void withdraw() {
        if (registration != null) {
            registration.unregister();
            registration = null;
            current = null;
        }
    }

    HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        Optional<String> refused = problem;
        if (refused.isPresent()) {
            return HealthResult.down(refused.get(), details);
        }
        details.put("source", source);
        details.put("fingerprint", fingerprint);
        return HealthResult.up("Master key from " + source + " (fingerprint " + fingerprint + ")", details);
    }
}
