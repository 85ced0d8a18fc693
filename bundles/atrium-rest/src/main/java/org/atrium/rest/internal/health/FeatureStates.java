package org.atrium.rest.internal.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.atrium.api.health.FeatureState;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Atrium's Karaf features as Karaf sees them, with whether their own bundles are all active. */
final class FeatureStates {

    /** The one-line install of everything; listed only where someone installed it. */
    static final String UMBRELLA = "atrium";

    private final BundleContext context;
    private final FeaturesService features;

    FeatureStates(BundleContext context, FeaturesService features) {
        this.context = context;
        this.features = features;
    }

    List<FeatureState> list() {
        List<FeatureState> states = new ArrayList<>();
        try {
            for (Feature feature : features.listFeatures()) {
                if (!feature.getName().startsWith(UMBRELLA)) {
                    continue;
                }
                boolean installed = features.isInstalled(feature);
                if (feature.getName().equals(UMBRELLA) && !installed) {
                    continue;
                }
                states.add(new FeatureState(feature.getName(), feature.getVersion(), installed,
                        installed && bundlesActive(feature), String.valueOf(features.getState(feature.getId()))));
            }
        } catch (Exception e) {
            // listFeatures declares Exception (repository loading); the report then shows no features
            return List.of();
        }
        states.sort(Comparator.comparing(FeatureState::name));
        return states;
    }

    private boolean bundlesActive(Feature feature) {
        for (BundleInfo info : feature.getBundles()) {
            if (info.isDependency()) {
                continue;
            }
            Bundle bundle = context.getBundle(info.getLocation());
            if (bundle == null || bundle.getState() != Bundle.ACTIVE) {
                return false;
            }
        }
        return true;
    }
}
