package org.atrium.rest.internal.health;

import java.time.Clock;
import java.time.Duration;
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
 * 503 on its own paths, the rest keeps working), DOWN while not ready or while a check says DOWN. Ready
 * waits for every Atrium bundle and component, at Karaf's start as after an update of this bundle (the
 * other bundles' routes need this bundle's RouteContext and come back a moment after it), at most
 * {@link #MAX_WAIT}.
 */
@Component(service = AtriumHealth.class)
public class AtriumHealthService implements AtriumHealth {

    private static final Logger LOG = LoggerFactory.getLogger(AtriumHealthService.class);
    /** The longest the API waits for the rest of Atrium before it opens anyway. */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final StartupProgress startup;
    private final FeatureStates features;
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private final long activatedAt;
    private volatile boolean started;

    @Activate
    public AtriumHealthService(BundleContext context, @Reference ServiceComponentRuntime components,
            @Reference FeaturesService features) {
        this.startup = new StartupProgress(context, components);
        this.features = new FeatureStates(context, features);
        this.activatedAt = System.nanoTime();
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
        return stillWaitingFor().isEmpty();
    }

    /** What Atrium still waits for before it counts as started: nothing once it has. */
    private List<String> stillWaitingFor() {
        if (started) {
            return List.of();
        }
        List<String> waitingFor = startup.waitingFor();
        if (waitingFor.isEmpty()) {
            started = true;
            LOG.info("Atrium has started: every Atrium bundle is active with all its components");
        } else if (System.nanoTime() - activatedAt > MAX_WAIT.toNanos()) {
            // something will not come (a component that cannot start): open rather than answer 503 for ever;
            // the paths of what is missing answer 404 or 503 on their own
            started = true;
            LOG.warn("Atrium opened its API after waiting {} s for: {}", MAX_WAIT.toSeconds(), waitingFor);
            return List.of();
        }
        return waitingFor;
    }

    @Override
    public HealthReport report() {
        List<String> waitingFor = stillWaitingFor();
        boolean ready = waitingFor.isEmpty();
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
