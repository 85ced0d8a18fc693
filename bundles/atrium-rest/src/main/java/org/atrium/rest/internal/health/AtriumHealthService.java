package org.atrium.rest.internal.health;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.karaf.features.FeaturesService;
import org.atrium.api.health.AtriumHealth;
import org.atrium.api.health.HealthCheck;
import org.atrium.api.health.HealthReport;
import org.atrium.api.health.HealthResult;
import org.atrium.api.health.HealthStatus;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atrium's health: ready once it has finished starting (then for good: a capability swapped later answers
 * 503 on its own paths, the rest keeps working), DOWN while not ready or while a check says DOWN. At
 * Karaf's start, ready waits for every Atrium bundle and component; when this bundle alone is updated or
 * restarted later, the rest of Atrium is already running and it is ready at once.
 */
@Component(service = AtriumHealth.class)
public class AtriumHealthService implements AtriumHealth {

    private static final Logger LOG = LoggerFactory.getLogger(AtriumHealthService.class);

    private final StartupProgress startup;
    private final FeatureStates features;
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private volatile boolean started;

    @Activate
    public AtriumHealthService(BundleContext context, @Reference ServiceComponentRuntime components,
            @Reference FeaturesService features) {
        this.startup = new StartupProgress(context, components);
        this.features = new FeatureStates(context, features);
        // Karaf had finished booting before this bundle started: this is an update or restart of the API
        // alone, and the rest of Atrium is running; its parts that are away answer 503 on their own paths
        this.started = context.getServiceReference(StartupProgress.BOOT_FINISHED) != null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + HealthCheck.NAME + "=*)")
    void addCheck(HealthCheck check, Map<String, Object> properties) {
        checks.put(String.valueOf(properties.get(HealthCheck.NAME)), check);
    }

    void removeCheck(HealthCheck check, Map<String, Object> properties) {
        checks.remove(String.valueOf(properties.get(HealthCheck.NAME)), check);
    }

    @Override
    public boolean ready() {
        if (!started && startup.waitingFor().isEmpty()) {
            started = true;
            LOG.info("Atrium has started: every Atrium bundle is active with all its components");
        }
        return started;
    }

    @Override
    public HealthReport report() {
        boolean ready = ready();
        List<String> waitingFor = ready ? List.of() : startup.waitingFor();
        Map<String, HealthResult> results = new TreeMap<>();
        checks.forEach((name, check) -> results.put(name, run(name, check)));
        boolean down = !ready || results.values().stream().anyMatch(result -> result.status() == HealthStatus.DOWN);
        return new HealthReport(down ? HealthStatus.DOWN : HealthStatus.UP, ready, waitingFor, features.list(),
                results, Clock.systemUTC().instant());
    }

    private static HealthResult run(String name, HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            LOG.warn("Health check {} failed", name, e);
            return HealthResult.down("The check itself failed: " + e.getClass().getSimpleName(), Map.of());
        }
    }
}
