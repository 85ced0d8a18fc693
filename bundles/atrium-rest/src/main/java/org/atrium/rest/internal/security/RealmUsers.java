package org.atrium.rest.internal.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.apache.karaf.jaas.modules.BackingEngineService;
import org.apache.karaf.jaas.modules.publickey.PublickeyBackingEngine;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The users of Karaf's JAAS realm and their Atrium roles, read the way the {@code jaas:*} commands read
 * them: through the backing engine of each login module of the realm (users.properties, keys.properties,
 * a JDBC table, LDAP...).
 */
@Component(service = RealmUsers.class)
public class RealmUsers {

    private final List<JaasRealm> realms = new CopyOnWriteArrayList<>();
    private final List<BackingEngineFactory> engineFactories = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRealm(JaasRealm realm) {
        realms.add(realm);
    }

    void removeRealm(JaasRealm realm) {
        realms.remove(realm);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEngineFactory(BackingEngineFactory factory) {
        engineFactories.add(factory);
    }

    void removeEngineFactory(BackingEngineFactory factory) {
        engineFactories.remove(factory);
    }

    /**
     * Every user of the realm with their Atrium roles (possibly none), by name; empty if no login module of
     * the realm can list its users (then nobody can tell who exists).
     */
    public Optional<Map<String, Set<String>>> users() {
        Map<String, Set<String>> users = new TreeMap<>();
        boolean listable = false;
        for (BackingEngine engine : engines()) {
            listable = true;
            for (UserPrincipal user : engine.listUsers()) {
                users.computeIfAbsent(user.getName(), name -> new TreeSet<>()).addAll(atriumRoles(engine, user));
            }
        }
        return listable ? Optional.of(users) : Optional.empty();
    }

    /**
     * One user's Atrium roles (possibly none), without reading every other user's: for each request signed with
     * an API token. Empty if no login module of the realm lists this user.
     */
    public Optional<Set<String>> roles(String user) {
        Set<String> roles = null;
        for (BackingEngine engine : engines()) {
            for (UserPrincipal principal : engine.listUsers()) {
                if (principal.getName().equals(user)) {
                    roles = roles == null ? new TreeSet<>() : roles;
                    roles.addAll(atriumRoles(engine, principal));
                }
            }
        }
        return Optional.ofNullable(roles);
    }

    private static Set<String> atriumRoles(BackingEngine engine, UserPrincipal user) {
        return AtriumRoles.of(engine.listRoles(user).stream().map(RolePrincipal::getName).toList());
    }

    /**
     * Sets a user's password where the realm keeps it (users.properties, a JDBC table), hashed as
     * etc/org.apache.karaf.jaas.cfg says, roles untouched.
     *
     * @return false if no login module of the realm keeps this user's password (LDAP, say)
     */
    public boolean setPassword(String user, String password) {
        for (BackingEngine engine : engines()) {
            // keys.properties lists users too, but with SSH keys in place of passwords
            if (!(engine instanceof PublickeyBackingEngine)
                    && engine.listUsers().stream().anyMatch(u -> u.getName().equals(user))) {
                engine.addUser(user, password);
                return true;
            }
        }
        return false;
    }

    /** The backing engines of the realm's login modules that have one, in the realm's order. */
    private List<BackingEngine> engines() {
        Optional<JaasRealm> realm = realms.stream().filter(r -> JaasSignIn.REALM.equals(r.getName()))
                .max((a, b) -> Integer.compare(a.getRank(), b.getRank()));
        if (realm.isEmpty()) {
            return List.of();
        }
        BackingEngineService service = new BackingEngineService();
        service.setEngineFactories(List.copyOf(engineFactories));
        List<BackingEngine> engines = new ArrayList<>();
        for (AppConfigurationEntry entry : realm.get().getEntries()) {
            BackingEngine engine = service.get(entry);
            if (engine != null) {
                engines.add(engine);
            }
        }
        return engines;
    }
}
