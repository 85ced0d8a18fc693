package org.atrium.rest.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response.Status;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.security.Actor;
import org.atrium.api.security.UserGrants;
import org.atrium.rest.internal.AtriumApplication;
import org.atrium.rest.support.Problem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to {@code /api/v1} signs in with HTTP Basic against Karaf's JAAS realm
 * (etc/users.properties, the jaas:* commands) and needs an Atrium role. Part of the REST bundle on
 * purpose: the API cannot run without it. Use HTTPS in front of Atrium: Basic sends the password with
 * every request.
 */
// immediate: it lives as long as its bundle, not only while the application is registered, so that a
// rebuilt application does not forget the failed sign-ins
@Component(service = BasicAuthenticationFilter.class, immediate = true)
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthenticationFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthenticationFilter.class);
    static final String CHALLENGE = "Basic realm=\"Atrium\", charset=\"UTF-8\"";

    private final JaasSignIn jaas = new JaasSignIn();
    private final SignInThrottle throttle = new SignInThrottle(Clock.systemUTC());

    /** Office grants of staff; without them (registry stopping) staff reach no office. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserGrants grants;

    /** Failed sign-ins go to the audit trail when it is there, and to the log always. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail auditTrail;

    @Activate
    void warnAboutTheDefaultPassword() {
        if (jaas.signIn("admin", "admin".toCharArray()).isPresent()) {
            LOG.warn("The administrator 'admin' still has the default password 'admin'. Change it at the console: "
                    + "jaas:realm-manage --realm karaf; jaas:user-add admin <new password>; jaas:update "
                    + "(or edit etc/users.properties).");
        }
    }

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Unauthenticated.class)) {
            return;
        }
        Optional<String[]> credentials = credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (credentials.isEmpty()) {
            unauthorized(request, "Sign in: send your Atrium user name and password (HTTP Basic authentication).");
            return;
        }
        String user = credentials.get()[0];
        if (throttle.isLocked(user)) {
            LOG.warn("Sign-in refused: user '{}' is locked after repeated failures", user);
            unauthorized(request, "Too many failed sign-ins for this user name; try again in "
                    + SignInThrottle.LOCK_TIME.toMinutes() + " minutes.");
            return;
        }
        Optional<JaasSignIn.SignedIn> signedIn = jaas.signIn(user, credentials.get()[1].toCharArray());
        if (signedIn.isEmpty()) {
            boolean locked = throttle.failed(user);
            String lockNote = locked ? "; the user name is now locked for " + SignInThrottle.LOCK_TIME.toMinutes()
                    + " minutes" : "";
            LOG.warn("Failed sign-in for user '{}'{}", user, lockNote);
            recordFailedSignIn(user, "REST API" + lockNote);
            unauthorized(request, "The user name or password is wrong.");
            return;
        }
        throttle.succeeded(user);
        Set<String> roles = AtriumRoles.of(signedIn.get().roles());
        if (roles.isEmpty()) {
            request.abortWith(Problem.of(Status.FORBIDDEN, "User '" + user + "' has no Atrium role ("
                    + AtriumRoles.ADMIN + " or " + AtriumRoles.STAFF + ").").toResponse());
            return;
        }
        boolean administrator = roles.contains(AtriumRoles.ADMIN);
        UserGrants currentGrants = grants;
        Actor actor = currentGrants != null ? currentGrants.actorFor(user, administrator)
                : administrator ? Actor.administrator(user) : Actor.staff(user, Set.of());
        Caller who = new Caller(user, roles, actor);
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return who;
            }

            @Override
            public boolean isUserInRole(String role) {
                return who.roles().contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return SecurityContext.BASIC_AUTH;
            }
        });
    }

    private void recordFailedSignIn(String user, String detail) {
        AuditTrail trail = auditTrail;
        if (trail == null) {
            return;
        }
        try {
            trail.record(user, AuditActions.SIGN_IN_FAILED, null, detail, List.of());
        } catch (RuntimeException e) {
            // the 401 must go out even if the database is unavailable; the log line above has the facts
            LOG.error("Could not record a failed sign-in in the audit trail", e);
        }
    }

    /** {user, password} from a Basic authorization header, if it is one. */
    static Optional<String[]> credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static void unauthorized(ContainerRequestContext request, String detail) {
        request.abortWith(javax.ws.rs.core.Response.fromResponse(Problem.of(Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
    }
}
