package org.atrium.keys.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
 * parts using it start over with the new keys. Changes are made on a thread of this bundle's own: the parts that
 * start with new keys (the register among them) start on it, and must not hold up Configuration Admin's thread,
 * which delivers the database settings they may be waiting for.
 */
@Component(service = {}, immediate = true, configurationPid = {"atrium.database", MasterKeys.PID}, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class MasterKeys {

    public static final String PID = "atrium.keys";
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
    private static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private static final long LONGEST_STOP_SECONDS = 60;

    private final BundleContext context;
    private final MasterKeySources sources;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(
            task -> new Thread(task, "atrium-master-key"));
    /** Touched on the thread of {@link #changes} only. */
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
        health = context.registerService(HealthCheck.class, this::check,
                FrameworkUtil.asDictionary(Map.of(HealthCheck.NAME, "keys")));
        apply(config, properties);
    }

    @Modified
    void apply(KeysConfig config, Map<String, Object> properties) {
        Object file = properties.get(FILE_PROPERTY);
        changes.execute(() -> take(config, file));
    }

    private void take(KeysConfig config, Object file) {
        MasterKey found;
        try {
            found = sources.find(config, file, System.getenv(MasterKeySources.ENVIRONMENT_VARIABLE));
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
    void deactivate() throws InterruptedException {
        health.unregister();
        changes.execute(this::withdraw);
        changes.shutdown();
        if (!changes.awaitTermination(LONGEST_STOP_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("The keys were still being changed after {} s; stopping without waiting", LONGEST_STOP_SECONDS);
        }
    }

    private void withdraw() {
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
        if (source.isEmpty()) {
            return HealthResult.warn("The master key is being read", details);
        }
        details.put("source", source);
        details.put("fingerprint", fingerprint);
        return HealthResult.up("Master key from " + source + " (fingerprint " + fingerprint + ")", details);
    }
}
