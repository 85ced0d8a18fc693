package org.atrium.rest.internal.health;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * What Atrium still waits for before it has finished starting: Karaf's boot features, then every Atrium
 * bundle that is meant to run (persistently started) active, with every enabled component satisfied. A
 * bundle an operator stopped on purpose is not waited for, nor is one a feature removal uninstalled.
 */
final class StartupProgress {

    /** Registered by Karaf once the boot features are installed and started. */
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    private final BundleContext context;
    private final ServiceComponentRuntime components;

    StartupProgress(BundleContext context, ServiceComponentRuntime components) {
        this.context = context;
        this.components = components;
    }

    /** Empty when started, else one line per thing waited for. */
    List<String> waitingFor() {
        List<String> waiting = new ArrayList<>();
        if (context.getServiceReference(BOOT_FINISHED) == null) {
            waiting.add("Karaf's boot features");
        }
        for (Bundle bundle : context.getBundles()) {
            if (isAtrium(bundle) && meantToRun(bundle) && bundle.getState() != Bundle.ACTIVE) {
                waiting.add(bundle.getSymbolicName() + " (bundle not active yet)");
            }
        }
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith(ATRIUM) || !components.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.SATISFIED
                        && configuration.state != ComponentConfigurationDTO.ACTIVE) {
                    waiting.add(description.bundle.symbolicName + ": " + simpleName(description.name) + " ("
                            + state(configuration) + ")");
                }
            }
        }
        return waiting;
    }

    private static final String ATRIUM = "org.atrium.";

    static boolean isAtrium(Bundle bundle) {
        return bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith(ATRIUM)
                && bundle.getHeaders("").get("Fragment-Host") == null;
    }

    private static boolean meantToRun(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return startLevel != null && startLevel.isPersistentlyStarted();
    }

    private static String simpleName(String componentName) {
        return componentName.substring(componentName.lastIndexOf('.') + 1);
    }

    private static String state(ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "waits for "
                    + String.join(", ", java.util.Arrays.stream(configuration.unsatisfiedReferences)
                            .map(reference -> reference.name).toList());
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "waits for its configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed to start: " + configuration.failure;
            default -> "not satisfied";
        };
    }
}
