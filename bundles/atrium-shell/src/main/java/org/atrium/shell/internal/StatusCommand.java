package org.atrium.shell.internal;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.atrium.api.health.AtriumHealth;
import org.atrium.api.health.FeatureState;
import org.atrium.api.health.HealthReport;
import org.atrium.api.health.HealthResult;

/** What {@code GET /api/v1/health} tells, for the operator at the console. */
@Service
@Command(scope = "atrium", name = "status", description = "Shows Atrium's state: features, database, mail, imports, exports")
public class StatusCommand implements Action {

    @Reference
    AtriumHealth health;

    @Override
    public Object execute() {
        HealthReport report = health.report();
        System.out.println("Atrium is " + report.status() + (report.ready() ? "" : " (starting)") + " at "
                + ConsoleTables.minute(report.checkedAt()) + " UTC");
        report.waitingFor().forEach(waiting -> System.out.println("  waiting for " + waiting));
        System.out.println();

        ShellTable features = ConsoleTables.fitted();
        features.column("Feature");
        features.column("Installed");
        features.column("Active");
        features.column("Version");
        features.column("Karaf state").wrap();
        for (FeatureState feature : report.features()) {
            features.addRow().addContent(feature.name(), yesNo(feature.installed()), yesNo(feature.active()),
                    feature.version(), feature.state());
        }
        features.print(System.out);
        System.out.println();

        ShellTable checks = ConsoleTables.fitted();
        checks.column("Check");
        checks.column("Status");
        checks.column("Summary").wrap();
        for (Map.Entry<String, HealthResult> check : report.checks().entrySet()) {
            checks.addRow().addContent(check.getKey(), check.getValue().status(), check.getValue().summary());
        }
        checks.emptyTableText("No checks: is the atrium-core feature started?");
        checks.print(System.out);
        return null;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
