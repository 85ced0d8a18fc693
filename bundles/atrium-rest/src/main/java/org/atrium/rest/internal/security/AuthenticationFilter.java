package org.atrium.rest.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.Response.Status;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.security.ApiToken;
import org.atrium.api.security.ApiTokens;
import org.atrium.rest.support.Problem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Every request to {@code /api/v1} is signed in, with HTTP Basic against Karaf's JAAS realm
 * (etc/users.properties, the jaas:* commands), with the session cookie of the staff pages (see
 * {@link StaffSessions}) or with a personal API token ({@code Authorization: Bearer}), and needs an Atrium
 * role (a token's user's roles are read from the realm at each request). A change made with the cookie must carry the session's
 * token in {@value #CSRF_HEADER}, so that another site cannot make the browser change anything. Part of the
 * REST bundle on purpose: the API cannot run without it. Use HTTPS in front of Atrium.
 */
@Component(service = AuthenticationFilter.class)
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String BEARER = "Bearer ";
    static final String BASIC_CHALLENGE = "Basic realm=\"Atrium\", charset=\"UTF-8\"";
    /**
     * For the pages' own requests (they send {@code X-Requested-With}): a scheme browsers do not know, so
     * that a 401 shows the page's sign-in form rather than the browser's password dialog.
     */
    public static final String SESSION_CHALLENGE = "Session realm=\"Atrium\"";
    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** The path of each pending step; a session with one reaches only it, and who is signed in (and signing out). */
    private static final Map<String, String> PENDING_STEP_PATHS = Map.of(StaffSession.CHANGE_PASSWORD, "me/password",
            StaffSession.SET_UP_MFA, "me/mfa");
    private static final Map<String, String> PENDING_STEP_ADVICE = Map.of(StaffSession.CHANGE_PASSWORD,
            "Choose a new password first: yours does not meet the password rules (PUT /api/v1/me/password).",
            StaffSession.SET_UP_MFA, "Set up two-factor sign-in first: your firm requires an authenticator app for "
                    + "every user (POST and PUT /api/v1/me/mfa).");

    private final SignIn signIn;
    private final StaffSessions sessions;
    private final SecurityPolicy policy;
    private final RealmUsers realm;

    /** Personal API tokens; while the register is away, token requests answer 503. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApiTokens tokens;

    @Context
    private ResourceInfo resource;

    /** The connection, for the client's address (the lock-outs count by name and address). */
    @Context
    private HttpServletRequest servletRequest;

    @Activate
    public AuthenticationFilter(@Reference SignIn signIn, @Reference StaffSessions sessions,
            @Reference SecurityPolicy policy, @Reference RealmUsers realm) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.policy = policy;
        this.realm = realm;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Unauthenticated.class)) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Cookie cookie = request.getCookies().get(StaffSessions.COOKIE);
        if (authorization == null && cookie != null) {
            signInWithSession(request, cookie.getValue());
            return;
        }
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            signInWithToken(request, authorization.substring(BEARER.length()).strip());
            return;
        }
        Optional<String[]> credentials = credentials(authorization);
        if (credentials.isPresent() && policy.mfaRequired()) {
            // not even the password is checked: a password alone must not reach anything, nor tell if it is right
            request.abortWith(unauthorized(request, "Two-factor sign-in is required (etc/atrium.security.cfg): HTTP "
                    + "Basic with a password alone is refused. Scripts send a personal API token instead "
                    + "(Authorization: Bearer atr_..., made on your account page or with POST /api/v1/me/tokens); "
                    + "browsers sign in with POST /api/v1/session and an authenticator code."));
            return;
        }
        if (credentials.isEmpty()) {
            request.abortWith(unauthorized(request, "Sign in: send your Atrium user name and password (HTTP Basic "
                    + "authentication), or sign in with POST /api/v1/session."));
            return;
        }
        String address = policy.clientAddress(servletRequest);
        SignIn.Outcome outcome = signIn.check(credentials.get()[0], credentials.get()[1].toCharArray(), "REST API",
                address);
        if (!outcome.succeeded()) {
            request.abortWith(outcome.refusal() == Status.UNAUTHORIZED ? unauthorized(request, outcome.detail())
                    : Problem.of(outcome.refusal(), outcome.detail()).toResponse());
            return;
        }
        signIn.completed(outcome.user(), address);
        signedIn(request, signIn.caller(outcome.user(), outcome.roles(), null), SecurityContext.BASIC_AUTH);
    }

    private void signInWithToken(ContainerRequestContext request, String token) {
        ApiTokens current = tokens;
        if (current == null) {
            request.abortWith(Problem.of(Status.SERVICE_UNAVAILABLE, "API tokens cannot be checked while the register "
                    + "is away; try again in a moment.").toResponse());
            return;
        }
        Optional<ApiToken> found = current.authenticate(token);
        Set<String> roles = found.flatMap(t -> realm.roles(t.username())).orElse(Set.of());
        if (found.isEmpty() || roles.isEmpty()) {
            request.abortWith(Response.fromResponse(Problem.of(Status.UNAUTHORIZED, "The API token is unknown, expired "
                    + "or revoked, or its user no longer has an Atrium role. Create a new one under your account "
                    + "(POST /api/v1/me/tokens).").toResponse()).header(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"Atrium\"").build());
            return;
        }
        if (found.get().readOnly() && !SAFE_METHODS.contains(request.getMethod())) {
            request.abortWith(Problem.typed("read-only-token", "Read-only token", Status.FORBIDDEN, "This API token "
                    + "is read-only: it reads, but changes nothing. Nothing was changed.", null).toResponse());
            return;
        }
        signedIn(request, signIn.caller(found.get().username(), roles, null), "Bearer");
    }

    private void signInWithSession(ContainerRequestContext request, String cookieValue) {
        Optional<StaffSession> session = sessions.find(cookieValue);
        if (session.isEmpty()) {
            request.abortWith(unauthorized(request, "Your session has ended (you signed out, or it was idle too long). "
                    + "Sign in again."));
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod())
                && !sameToken(session.get().csrfToken(), request.getHeaderString(CSRF_HEADER))) {
            request.abortWith(Problem.typed("csrf", "Missing or wrong CSRF token", Status.FORBIDDEN, "A change made "
                    + "with the session cookie must carry the session's token (the csrfToken of POST or GET "
                    + "/api/v1/session) in the " + CSRF_HEADER + " header. Nothing was changed.", null).toResponse());
            return;
        }
        StaffSession current = session.get();
        String path = request.getUriInfo().getPath().replaceFirst("^/+", "");
        String step = current.pendingStep();
        if (step != null && !path.equals("session") && !path.equals(PENDING_STEP_PATHS.get(step))) {
            request.abortWith(Problem.typed("sign-in-incomplete", "Sign-in not finished", Status.FORBIDDEN,
                    PENDING_STEP_ADVICE.get(step), null).toResponse());
            return;
        }
        signedIn(request, signIn.caller(current.user(), current.roles(), current), SecurityContext.FORM_AUTH);
    }

    private static void signedIn(ContainerRequestContext request, Caller who, String scheme) {
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
                return scheme;
            }
        });
    }

    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
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

    /** A 401 whose challenge suits the caller: the pages' own requests never get a browser password dialog. */
    static Response unauthorized(ContainerRequestContext request, String detail) {
        boolean page = request.getHeaderString("X-Requested-With") != null
                || request.getCookies().containsKey(StaffSessions.COOKIE);
        return Response.fromResponse(Problem.of(Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, page ? SESSION_CHALLENGE : BASIC_CHALLENGE).build();
    }
}
