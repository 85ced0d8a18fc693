package org.atrium.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.Response.Status;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.security.MfaFactor;
import org.atrium.api.security.MultiFactor;
import org.atrium.api.security.UserGrant;
import org.atrium.api.security.UserGrants;
import org.atrium.rest.internal.security.AuthenticationFilter;
import org.atrium.rest.internal.security.Caller;
import org.atrium.rest.internal.security.PasswordRules;
import org.atrium.rest.internal.security.SecurityPolicy;
import org.atrium.rest.internal.security.SignIn;
import org.atrium.rest.internal.security.StaffSession;
import org.atrium.rest.internal.security.StaffSessions;
import org.atrium.rest.internal.security.Unauthenticated;
import org.atrium.rest.support.Problem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/v1/session}: sign-in for browsers. The session lives on the server; the browser holds its ID in
 * an {@code HttpOnly}, {@code SameSite=Strict} cookie that only {@code /api/v1} receives, and sends the
 * session's CSRF token with every change.
 */
@Component(service = SessionResource.class)
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class SessionResource {

    /** The body of {@code POST /session}: {@code code} is an authenticator or recovery code, when enrolled. */
    public record SignInInput(String username, String password, String code) {
    }

    /**
     * The signed-in user, and the token their changes must carry (null when signed in with HTTP Basic).
     *
     * @param next what sign-in still needs: {@value #NEXT_CODE} (send the password again with a code; no
     *        session yet), {@value StaffSession#CHANGE_PASSWORD} (the session reaches only /me/password until
     *        the password meets the rules), {@value StaffSession#SET_UP_MFA} (the session reaches only /me/mfa
     *        until an authenticator is confirmed), or null (signed in)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionJson(String username, Set<String> roles, Boolean allOffices, String email,
            List<Integer> offices, String csrfToken, Long idleTimeoutSeconds, Boolean mfaEnrolled, String next) {
    }

    static final String NEXT_CODE = "CODE";

    private final SignIn signIn;
    private final StaffSessions sessions;
    private final SecurityPolicy policy;
    private final PasswordRules passwordRules;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserGrants grants;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MultiFactor factors;

    @Activate
    public SessionResource(@Reference SignIn signIn, @Reference StaffSessions sessions,
            @Reference SecurityPolicy policy, @Reference PasswordRules passwordRules) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.policy = policy;
        this.passwordRules = passwordRules;
    }

    @POST
    @Unauthenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in", description = "Checks the user name and password (failures count towards the "
            + "lock-out) and, for a user with an authenticator, the code (TOTP or recovery code); starts a session "
            + "and sets its cookie. Send the answer's csrfToken in the X-CSRF-Token header of every change made "
            + "with the cookie. \"next\": \"CODE\" asks for the code (no session yet); \"CHANGE_PASSWORD\" means "
            + "the password breaks the password rules and the session reaches only /me/password until it is changed; "
            + "\"SET_UP_MFA\" means it reaches only /me/mfa until an authenticator is set up.")
    public Response signIn(SignInInput input, @Context HttpHeaders headers, @Context SecurityContext security,
            @Context HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (input == null || input.username() == null || input.username().isBlank()) {
            errors.add(new FieldError("username", "Enter your user name."));
        }
        if (input == null || input.password() == null || input.password().isEmpty()) {
            errors.add(new FieldError("password", "Enter your password."));
        }
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
        String address = policy.clientAddress(request);
        SignIn.Outcome outcome = signIn.check(input.username(), input.password().toCharArray(), "web sign-in",
                address);
        if (!outcome.succeeded()) {
            Response refusal = Problem.of(outcome.refusal(), outcome.detail()).toResponse();
            return outcome.refusal() == Status.UNAUTHORIZED ? challenged(refusal) : refusal;
        }
        String user = outcome.user();
        MultiFactor currentFactors = factors;
        boolean enrolled = currentFactors != null && currentFactors.enrolled(user);
        String factorsUsed = "password";
        if (enrolled) {
            if (input.code() == null || input.code().isBlank()) {
                return Response.ok(new SessionJson(user, null, null, null, null, null, null, true, NEXT_CODE)).build();
            }
            Optional<MfaFactor> factor = currentFactors.verify(user, input.code());
            if (factor.isEmpty()) {
                return challenged(Problem.typed("wrong-code", "Wrong code", Status.UNAUTHORIZED,
                        signIn.factorFailed(user, "web sign-in", address), null).toResponse());
            }
            factorsUsed += factor.get() == MfaFactor.TOTP ? " and authenticator code" : " and recovery code";
        } else if (policy.mfaRequired() && currentFactors == null) {
            throw Unavailable.retryLater("Two-factor sign-in is required, but the register that keeps "
                    + "authenticators is not running; try again in a moment.");
        }
        String pendingStep = !passwordRules.problems(user, input.password()).isEmpty() ? StaffSession.CHANGE_PASSWORD
                : policy.stepAfterPassword(enrolled);
        signIn.completed(user, address);
        signIn.recordSignIn(user, "web sign-in with " + factorsUsed
                + (pendingStep == null ? "" : "; still to do: " + pendingStep));
        // a new ID at every sign-in: a session ID planted before it would be worthless
        Cookie previous = headers.getCookies().get(StaffSessions.COOKIE);
        if (previous != null) {
            sessions.find(previous.getValue()).ifPresent(sessions::close);
        }
        StaffSessions.Opened opened = sessions.open(user, outcome.roles(), pendingStep,
                headers.getHeaderString(HttpHeaders.USER_AGENT));
        Caller caller = signIn.caller(user, outcome.roles(), opened.session());
        return Response.ok(json(caller)).header(HttpHeaders.SET_COOKIE,
                cookie(opened.cookieValue(), secure(headers, security), false)).build();
    }

    @GET
    @Operation(summary = "Who is signed in", description = "The user, roles and offices; with the session cookie "
            + "also the CSRF token its changes must carry. 401 when the session has ended.")
    public SessionJson current(@Context SecurityContext security) {
        return json(Caller.of(security));
    }

    @DELETE
    @Operation(summary = "Sign out", description = "Ends the session: its cookie stops working on the server.")
    public Response signOut(@Context HttpHeaders headers, @Context SecurityContext security) {
        StaffSession session = Caller.of(security).session();
        if (session != null) {
            sessions.close(session);
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", secure(headers, security), true))
                .build();
    }

    private SessionJson json(Caller caller) {
        UserGrants currentGrants = grants;
        UserGrant grant = currentGrants == null ? null : currentGrants.find(caller.name()).orElse(null);
        UserJson user = UserResource.json(caller.name(), caller.roles(), grant);
        StaffSession session = caller.session();
        MultiFactor currentFactors = factors;
        return new SessionJson(user.username(), user.roles(), user.allOffices(), user.email(), user.offices(),
                session == null ? null : session.csrfToken(), sessions.idleTimeout().toSeconds(),
                currentFactors != null && currentFactors.enrolled(caller.name()),
                session == null ? null : session.pendingStep());
    }

    private static Response challenged(Response refusal) {
        return Response.fromResponse(refusal).header(HttpHeaders.WWW_AUTHENTICATE, AuthenticationFilter.SESSION_CHALLENGE)
                .build();
    }

    /** Secure behind HTTPS, also when a proxy in front of Atrium ends it (X-Forwarded-Proto). */
    private static boolean secure(HttpHeaders headers, SecurityContext security) {
        return security.isSecure() || "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
    }

    static String cookie(String value, boolean secure, boolean expire) {
        return StaffSessions.COOKIE + "=" + value + "; Path=/api/v1; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
    }
}
