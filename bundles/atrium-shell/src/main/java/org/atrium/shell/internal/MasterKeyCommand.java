package org.atrium.shell.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.atrium.api.health.HealthCheck;
import org.atrium.api.keys.SecretKeys;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Where this node's master key comes from and its fingerprint (compare nodes with it), or, with {@code --new}, a
 * new key for an operator to give every node: the one place Atrium shows a key, because it is asked to.
 */
@Service
@Command(scope = "atrium", name = "master-key", description = "Shows where the master key comes from and its "
        + "fingerprint; --new makes a new one to configure")
public class MasterKeyCommand implements Action {

    @Option(name = "--new", description = "Print a new random master key (nothing is changed)")
    boolean makeNew;

    /** The keys health check is looked up here: Karaf's {@code @Reference} takes no filter to choose among checks. */
    @Reference
    BundleContext context;

    @Override
    public Object execute() throws InvalidSyntaxException {
        if (makeNew) {
            byte[] key = new byte[SecretKeys.KEY_BYTES];
            new SecureRandom().nextBytes(key);
            System.out.println("master.key = " + Base64.getEncoder().encodeToString(key));
            System.out.println();
            System.out.println("Write this line into etc/atrium.keys.cfg on every node (chmod 600), or set it as "
                    + "ATRIUM_MASTER_KEY; keep a copy apart from the database backups. Only for a new database: a "
                    + "register that has data keeps the key it was encrypted with.");
            return null;
        }
        Collection<ServiceReference<HealthCheck>> found = context.getServiceReferences(HealthCheck.class,
                "(" + HealthCheck.NAME + "=keys)");
        for (ServiceReference<HealthCheck> reference : found) {
            HealthCheck keys = context.getService(reference);
            try {
                System.out.println(keys.check().summary());
            } finally {
                context.ungetService(reference);
            }
            return null;
        }
        System.out.println("The master key is not read yet: see the log.");
        return null;
    }
}
