package org.atrium.rest.internal.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/** Checks a user name and password against Karaf's JAAS realm and returns the user's roles. */
final class JaasSignIn {

    static final String REALM = "karaf";

    /** A signed-in user. */
    record SignedIn(String name, Set<String> roles) {
    }

    Optional<SignedIn> signIn(String user, char[] password) {
        Subject subject = new Subject();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // JAAS finds Karaf's login module through the context class loader; the HTTP thread's may not see it
        Thread.currentThread().setContextClassLoader(JaasSignIn.class.getClassLoader());
        try {
            LoginContext login = new LoginContext(REALM, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pass) {
                        pass.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            login.login();
            Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                    .collect(Collectors.toUnmodifiableSet());
            return Optional.of(new SignedIn(user, roles));
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
