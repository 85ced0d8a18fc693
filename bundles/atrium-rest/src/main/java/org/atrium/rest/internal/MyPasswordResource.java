package org.atrium.rest.internal;

import java.util.ArrayList;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response.Status;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.security.MultiFactor;
import org.atrium.rest.internal.security.Caller;
import org.atrium.rest.internal.security.PasswordRules;
import org.atrium.rest.internal.security.RealmUsers;
import org.atrium.rest.internal.security.SecurityPolicy;
import org.atrium.rest.internal.security.SignIn;
import org.atrium.rest.internal.security.StaffSession;
import org.atrium.rest.internal.security.StaffSessions;
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
 * {@code /api/v1/me/password}: the signed-in user changes their password in Karaf's JAAS realm (hashed there);
 * their other sessions end.
 */
@Component(service = MyPasswordResource.class)
@Path("me/password")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class MyPasswordResource {

    /** The body of {@code PUT /me/password}. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /**
     * @param next what sign-in still needs in this session ({@value StaffSession#SET_UP_MFA}), or null
     * @param sessionsEnded how many of the user's other sessions were signed out
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PasswordChanged(String next, int sessionsEnded) {
    }

    private final SignIn signIn;
    private final PasswordRules rules;
    private final RealmUsers realm;
    private final StaffSessions sessions;
    private final SecurityPolicy policy;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MultiFactor factors;

    @Activate
    public MyPasswordResource(@Reference SignIn signIn, @Reference PasswordRules rules, @Reference RealmUsers realm,
            @Reference StaffSessions sessions, @Reference SecurityPolicy policy) {
        this.signIn = signIn;
        this.rules = rules;
        this.realm = realm;
        this.sessions = sessions;
        this.policy = policy;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my password", description = "With {\"currentPassword\", \"newPassword\"}. The new "
            + "password has at least 12 characters, does not contain the user name and is not a common password; "
            + "a wrong current password counts towards the sign-in lock-out. Every other session of the user ends. "
            + "A sign-in that waited for this step (\"next\": \"CHANGE_PASSWORD\") goes on to the next one, if any.")
    public PasswordChanged change(PasswordChange input, @Context SecurityContext security,
            @Context HttpServletRequest request) {
        Caller caller = Caller.of(security);
        String user = caller.name();
        List<FieldError> errors = new ArrayList<>();
        String current = input == null ? null : input.currentPassword();
        String chosen = input == null ? null : input.newPassword();
        if (current == null || current.isEmpty()) {
            errors.add(new FieldError("currentPassword", "Enter your current password."));
        }
        if (chosen == null || chosen.isEmpty()) {
            errors.add(new FieldError("newPassword", "Choose a new password."));
        } else {
            rules.problems(user, chosen).forEach(problem -> errors.add(new FieldError("newPassword", problem)));
            if (chosen.equals(current)) {
                errors.add(new FieldError("newPassword", "Choose a password other than your current one."));
            }
        }
        if (errors.isEmpty()) {
            signIn.confirmPassword(user, current.toCharArray(), policy.clientAddress(request))
                    .ifPresent(wrong -> errors.add(new FieldError("currentPassword", wrong)));
        }
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
        if (!realm.setPassword(user, chosen)) {
            throw new WebApplicationException(Problem.of(Status.CONFLICT, "Your password is kept outside Atrium "
                    + "(in a directory such as LDAP): change it there.").toResponse());
        }
        StaffSession session = caller.session();
        int ended = sessions.closeAllBut(user, session);
        signIn.passwordChanged(user, ended);
        return new PasswordChanged(nextStep(session), ended);
    }

    /** After a password change the sign-in asked for: an authenticator if the firm requires one. */
    private String nextStep(StaffSession session) {
        if (session == null || !StaffSession.CHANGE_PASSWORD.equals(session.pendingStep())) {
            return null;
        }
        MultiFactor currentFactors = factors;
        boolean enrolled = currentFactors != null && currentFactors.enrolled(session.user());
        String next = policy.stepAfterPassword(enrolled);
        sessions.advance(session, next);
        return next;
    }
}
