package org.atrium.database.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns etc/atrium.database.cfg into the pax-jdbc-config data source "atrium" that every persistence unit
 * uses: a change of the file re-creates the data source and the register reconnects. The data source's
 * configuration outlives this bundle, so updating it leaves the database connected.
 */
@Component(service = DatabaseSettings.class, immediate = true, configurationPid = "atrium.database")
@Designate(ocd = DatabaseConfig.class)
public class DatabaseSettings {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSettings.class);
    private static final String FILE_PROPERTY = "felix.fileinstall.filename";
    private static final Pattern PASSWORD_LINE = Pattern.compile("(?m)^\\s*password\\s*[=:]\\s*(.*)$");
    /** The properties Config Admin and File Install add, which say nothing about the data source. */
    private static final Set<String> BOOKKEEPING = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, FILE_PROPERTY);

    private final ConfigurationAdmin configurations;
    private final Path karafData;
    private volatile Optional<String> problem = Optional.empty();

    @Activate
    public DatabaseSettings(@Reference ConfigurationAdmin configurations, BundleContext context, DatabaseConfig config,
            Map<String, Object> properties) {
        this.configurations = configurations;
        String data = context.getProperty("karaf.data");
        this.karafData = Path.of(data != null ? data : "data");
        apply(config, properties);
    }

    @Modified
    void apply(DatabaseConfig config, Map<String, Object> properties) {
        try {
            refuseWorldReadablePassword(config, properties.get(FILE_PROPERTY));
            Hashtable<String, Object> wanted = DataSourceSettings.of(config, karafData);
            Configuration current = configurations.getFactoryConfiguration(DataSourceSettings.FACTORY_PID,
                    DataSourceSettings.CONFIGURATION_NAME, "?");
            if (!sameSettings(current.getProperties(), wanted)) {
                current.update(wanted);
                LOG.info("Atrium's database: {} ({})", wanted.get("osgi.jdbc.driver.name"),
                        wanted.getOrDefault("url", wanted.get("databaseName")));
            }
            removeEarlierDataSources();
            problem = Optional.empty();
        } catch (IllegalArgumentException e) {
            problem = Optional.of("etc/atrium.database.cfg: " + e.getMessage());
            LOG.error("etc/atrium.database.cfg is not applied, the database stays as it was: {}", e.getMessage());
        } catch (IOException | InvalidSyntaxException e) {
            problem = Optional.of("The database settings could not be stored: " + e.getMessage());
            LOG.error("The database settings could not be stored", e);
        }
    }

    /** Why the settings were not applied, if they were not. */
    Optional<String> problem() {
        return problem;
    }

    /** A password written into a file that every user of the machine may read is refused, not used. */
    static void refuseWorldReadablePassword(DatabaseConfig config, Object fileUrl) throws IOException {
        if (config.password().isEmpty() || !(fileUrl instanceof String)) {
            return;
        }
        Path file = Path.of(URI.create((String) fileUrl));
        if (!Files.exists(file) || !Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
            return;
        }
        Matcher line = PASSWORD_LINE.matcher(Files.readString(file));
        boolean fromElsewhere = line.find() && line.group(1).strip().startsWith("$[");
        if (!fromElsewhere) {
            throw new IllegalArgumentException("it holds the database password and every user of this machine may "
                    + "read it: chmod 600 " + file + ", or take the password from the environment with password = "
                    + "$[env:ATRIUM_DATABASE_PASSWORD]");
        }
    }

    private static boolean sameSettings(Dictionary<String, Object> current, Hashtable<String, Object> wanted) {
        if (current == null) {
            return false;
        }
        Map<String, Object> relevant = new Hashtable<>();
        for (String key : Collections.list(current.keys())) {
            if (!BOOKKEEPING.contains(key)) {
                relevant.put(key, current.get(key));
            }
        }
        return Objects.equals(relevant, wanted);
    }

    /**
     * Earlier versions shipped etc/org.ops4j.datasource-atrium.cfg for Derby: a second data source of the same
     * name would leave the register choosing between two databases.
     */
    private void removeEarlierDataSources() throws IOException, InvalidSyntaxException {
        Configuration[] found = configurations.listConfigurations("(&(" + ConfigurationAdmin.SERVICE_FACTORYPID + "="
                + DataSourceSettings.FACTORY_PID + ")(dataSourceName=" + DataSourceSettings.DATA_SOURCE_NAME + "))");
        for (Configuration configuration : found == null ? new Configuration[0] : found) {
            if (configuration.getProperties().get(DataSourceSettings.DERIVED_FROM) == null) {
                LOG.info("The data source of {} is replaced by etc/atrium.database.cfg",
                        configuration.getProperties().get(FILE_PROPERTY) != null
                                ? configuration.getProperties().get(FILE_PROPERTY) : configuration.getPid());
                configuration.delete();
            }
        }
    }
}
