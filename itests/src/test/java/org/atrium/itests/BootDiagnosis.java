package org.atrium.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * One line that says why a test's Karaf is not ready: Atrium bundles that are not active, Atrium components
 * that are not satisfied (with their missing references or activation failure) and the last errors of the
 * log. Printed in a failure message, where CI shows it.
 */
final class BootDiagnosis {

    private BootDiagnosis() {
    }

    static String of(BundleContext context) {
        List<String> findings = new ArrayList<>();
        Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("org.atrium"))
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE && !isProbe(bundle))
                .forEach(bundle -> findings.add(bundle.getSymbolicName() + " is " + state(bundle.getState())));
        findings.addAll(components(context));
        findings.addAll(lastErrors(context, 5));
        return findings.isEmpty() ? "every Atrium bundle and component is up (too slow a boot?)"
                : String.join(" | ", findings);
    }

    private static boolean isProbe(Bundle bundle) {
        return bundle.getSymbolicName().contains("itests") || bundle.getSymbolicName().startsWith("PAXEXAM");
    }

    private static List<String> components(BundleContext context) {
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        if (reference == null) {
            return List.of("no Declarative Services runtime");
        }
        ServiceComponentRuntime scr = context.getService(reference);
        try {
            List<String> findings = new ArrayList<>();
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                if (!description.bundle.symbolicName.startsWith("org.atrium")) {
                    continue;
                }
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.ACTIVE
                            || configuration.state == ComponentConfigurationDTO.SATISFIED) {
                        continue;
                    }
                    String missing = Arrays.stream(configuration.unsatisfiedReferences)
                            .map(ref -> ref.name + " " + ref.target).collect(Collectors.joining(", "));
                    findings.add(description.name + " state " + configuration.state
                            + (missing.isEmpty() ? "" : " missing " + missing)
                            + (configuration.failure == null ? "" : " failed: " + firstLine(configuration.failure)));
                }
            }
            return findings;
        } finally {
            context.ungetService(reference);
        }
    }

    private static List<String> lastErrors(BundleContext context, int count) {
        String data = context.getProperty("karaf.data");
        if (data == null) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(Path.of(data, "log", "karaf.log"))) {
            List<String> errors = lines.filter(line -> line.contains("| ERROR |")).collect(Collectors.toList());
            return errors.subList(Math.max(0, errors.size() - count), errors.size()).stream()
                    .map(line -> "log: " + line.substring(Math.max(0, line.lastIndexOf('|') + 1)).strip())
                    .collect(Collectors.toList());
        } catch (IOException | RuntimeException e) {
            return List.of("log unreadable: " + e);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.INSTALLED:
                return "INSTALLED (not resolved)";
            case Bundle.RESOLVED:
                return "RESOLVED (not started)";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            default:
                return "in state " + state;
        }
    }
}
