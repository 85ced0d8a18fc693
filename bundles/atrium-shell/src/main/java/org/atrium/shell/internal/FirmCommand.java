package org.atrium.shell.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.atrium.api.firm.Firm;
import org.atrium.api.firm.FirmProfile;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Shows or sets the firm's name, email and public address (etc/atrium.firm.cfg): set once, used in every
 * email and link. Values are checked before anything is written; an empty one ("") unsets it.
 */
@Service
@Command(scope = "atrium", name = "firm", description = "Shows or sets the firm's name, email and public address")
public class FirmCommand implements Action {

    static final String PID = "atrium.firm";

    @Option(name = "--name", description = "The firm's name, e.g. \"Smith & Co CPAs\"")
    String name;

    @Option(name = "--email", description = "The sender of Atrium's emails, e.g. office@smithco.com")
    String email;

    @Option(name = "--public-url", description = "Where clients reach Atrium, e.g. https://portal.smithco.com")
    String publicUrl;

    @Reference
    Firm firm;

    @Reference
    ConfigurationAdmin configurations;

    @Override
    public Object execute() throws IOException {
        if (name != null || email != null || publicUrl != null) {
            set();
        }
        FirmProfile profile = firm.profile();
        System.out.println("Name:           " + profile.name().orElse("(not set)"));
        System.out.println("Email:          " + profile.email().orElse("(not set)"));
        System.out.println("Public address: " + profile.publicUrl().map(Object::toString).orElse("(not set)"));
        return null;
    }

    private void set() throws IOException {
        Configuration configuration = configurations.getConfiguration(PID, null);
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        String newName = name != null ? name : text(properties, "firm.name");
        String newEmail = email != null ? email : text(properties, "firm.email");
        String newUrl = publicUrl != null ? publicUrl : text(properties, "public.url");
        FirmProfile checked;
        try {
            checked = FirmProfile.of(newName, newEmail, newUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " Nothing was changed.", e);
        }
        properties.put("firm.name", checked.name().orElse(""));
        properties.put("firm.email", checked.email().orElse(""));
        properties.put("public.url", checked.publicUrl().map(Object::toString).orElse(""));
        // written back to etc/atrium.firm.cfg by Karaf, and applied at once
        configuration.updateIfDifferent(properties);
        awaitApplied(checked);
    }

    /** The configuration reaches the firm's component a moment later: show what was set, not what was. */
    private void awaitApplied(FirmProfile expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        try {
            while (!firm.profile().equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling: Configuration Admin tells the component on a thread of its own
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(Dictionary<String, Object> properties, String key) {
        Object value = properties.get(key);
        return value == null ? null : value.toString();
    }
}
