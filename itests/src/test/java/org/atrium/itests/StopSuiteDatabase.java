package org.atrium.itests;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the tests' PostgreSQL server once every test of the run is done (registered for the JUnit Platform in
 * META-INF/services): a shutdown hook of the tests' JVM was not reliably run before the JVM ended.
 */
public final class StopSuiteDatabase implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            SuiteDatabase.stop();
        } catch (Exception e) {
            System.err.println("The tests' PostgreSQL server did not stop: " + e);
        }
    }
}
