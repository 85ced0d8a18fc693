package org.atrium.rest.internal.security;

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
        Optional<JaasRealm> realm = realms.stream().filter(r -> JaasSignIn.REALM.equals(r.getName()))
                .max((a, b) -> Integer.compare(a.getRank(), b.getRank()));
        if (realm.isEmpty()) {
            return Optional.empty();
        }
        BackingEngineService engines = new BackingEngineService();
        engines.setEngineFactories(List.copyOf(engineFactories));
        Map<String, Set<String>> users = new TreeMap<>();
        boolean listable = false;
        for (AppConfigurationEntry entry : realm.get().getEntries()) {
            BackingEngine engine = engines.get(entry);
            if (engine == null) {
                continue;
            }
            listable = true;
            for (UserPrincipal user : engine.listUsers()) {
                Set<String> roles = users.computeIfAbsent(user.getName(), name -> new TreeSet<>());
                roles.addAll(AtriumRoles.of(engine.listRoles(user).stream().map(RolePrincipal::getName).toList()));
            }
        }
        return listable ? Optional.of(users) : Optional.empty();
    }
}
