package org.atrium.rest.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.core.Response.Status;

import org.apache.karaf.jaas.modules.BackingEngine;
import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.security.Actor;
import org.atrium.api.security.AttemptMarks;
import org.atrium.api.security.UserGrants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a user name and password against Karaf's JAAS realm for every way of signing in to the staff API
 * (HTTP Basic, the browser's session), so that failures count towards one lock-out per user name, and
 * makes the {@link Caller} of a signed-in user.
 */
// immediate: it lives as long as its bundle, not only while the application is registered, so that a
// rebuilt application does not forget the failed sign-ins
@Component(service = SignIn.class, immediate = true)
public class SignIn {

    /** How every lock-out message starts. */
    static final String LOCKED_PREFIX = "Too many failed sign-ins for this user name from here;";

    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

    /** What a sign-in came to: the user and their Atrium roles, or the refusal to answer. */
    public record Outcome(String user, Set<String> roles, Status refusal, String detail) {

        public boolean succeeded() {
            return refusal == null;
        }
    }


    private final JaasSignIn jaas = new JaasSignIn();
    private final SignInThrottle throttle = new SignInThrottle(this::attemptMarks, Clock.systemUTC());
    private final LocalAttemptMarks whileTheRegisterIsAway = new LocalAttemptMarks();
    private final RecentSignIns recent = new RecentSignIns(Clock.systemUTC());

    /** Office grants of staff; without them (registry stopping) staff reach no office. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserGrants grants;

    /** The failures counted towards lock-outs, shared by every node; the register keeps them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AttemptMarks marks;

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

    /**
     * Checks the password. A right one does not yet clear the user's failures: call {@link #completed} once
     * every factor is checked, so that guessing the second factor with a known password still locks the name.
     *
     * @param channel how the user signs in, for the log and the audit trail ("REST API", "web sign-in")
     * @param address where the request comes from (the lock-outs are per name and address)
     */
    public Outcome check(String user, char[] password, String channel, String address) {
        if (user.startsWith(BackingEngine.GROUP_PREFIX)) {
            // a group line of users.properties, not a user: never try its "password"
            return refused(Status.UNAUTHORIZED, "The user name or password is wrong.");
        }
        Duration locked = throttle.lockedFor(user, address);
        if (!locked.isZero()) {
            // not logged: a locked guesser would otherwise write a line per try
            return refused(Status.UNAUTHORIZED, locked(locked));
        }
        Optional<Set<String>> realmRoles = recent.roles(user, password);
        if (realmRoles.isEmpty()) {
            Optional<JaasSignIn.SignedIn> signedIn = jaas.signIn(user, password);
            if (signedIn.isEmpty()) {
                countFailure(user, address, "Failed sign-in", channel, "");
                return refused(Status.UNAUTHORIZED, "The user name or password is wrong.");
            }
            realmRoles = Optional.of(signedIn.get().roles());
            recent.remember(user, password, realmRoles.get());
        }
        Set<String> roles = AtriumRoles.of(realmRoles.get());
        if (roles.isEmpty()) {
            return refused(Status.FORBIDDEN, "User '" + user + "' has no Atrium role (" + AtriumRoles.ADMIN + " or "
                    + AtriumRoles.STAFF + ").");
        }
        return new Outcome(user, roles, null, null);
    }

    /**
     * The user changed their password: the old one must not pass, not even for the seconds it is remembered;
     * audited.
     */
    public void passwordChanged(String user, int otherSessionsEnded) {
        recent.forget(user);
        LOG.info("User '{}' changed their password; {} other session(s) ended", user, otherSessionsEnded);
        record(user, AuditActions.PASSWORD_CHANGED, otherSessionsEnded + " other session(s) ended");
    }

    /** Every factor was right: the failures so far (from this address) are forgotten. */
    public void completed(String user, String address) {
        throttle.succeeded(user, address);
    }

    /**
     * Checks a signed-in user's password again (before they change it); a wrong one counts towards the lock-out.
     *
     * @return what is wrong, in words for the user, or empty if the password is right
     */
    public Optional<String> confirmPassword(String user, char[] password, String address) {
        Outcome outcome = check(user, password, "password change", address);
        if (outcome.succeeded()) {
            completed(user, address);
            return Optional.empty();
        }
        return Optional.of(outcome.detail().startsWith(LOCKED_PREFIX) ? outcome.detail()
                : "This is not your current password.");
    }

    /** A browser sign-in succeeded: audited with the factors it took (HTTP Basic and tokens are not, per request). */
    public void recordSignIn(String user, String factors) {
        LOG.info("User '{}' signed in ({})", user, factors);
        record(user, AuditActions.SIGNED_IN, factors);
    }

    /** A wrong or replayed second factor: it counts towards the lock-out like a wrong password. */
    public String factorFailed(String user, String channel, String address) {
        countFailure(user, address, "Wrong or reused second-factor code", channel, ": wrong second-factor code");
        Duration locked = throttle.lockedFor(user, address);
        return !locked.isZero() ? locked(locked) : "The code is wrong or was used already: enter the code your "
                + "authenticator app shows now, or an unused recovery code.";
    }

    /**
     * One failure towards the lock-outs, logged and audited; but an address that keeps failing is only counted,
     * so that guessing cannot fill the log or the database.
     */
    private void countFailure(String user, String address, String what, String channel, String auditNote) {
        SignInThrottle.Verdict verdict = throttle.failed(user, address);
        String note = switch (verdict) {
            case NOTED, COUNTED -> "";
            case LOCKED_PAIR -> "; this name is now locked for this address";
            case LOCKED_ADDRESS -> "; the address is now locked for " + SignInThrottle.ADDRESS_LOCK.toMinutes()
                    + " minutes after " + SignInThrottle.MAX_ADDRESS_FAILURES + " failures within "
                    + SignInThrottle.WINDOW.toMinutes() + " minutes";
            case NAME_UNDER_ATTACK -> "; the name is under attack (" + SignInThrottle.ATTACK_FAILURES
                    + " failures within " + SignInThrottle.WINDOW.toMinutes() + " minutes): only addresses it signed "
                    + "in from before may try it meanwhile";
        };
        if (verdict == SignInThrottle.Verdict.COUNTED) {
            LOG.debug("{} for user '{}' from {} ({})", what, user, address, channel);
            return;
        }
        LOG.warn("{} for user '{}' from {} ({}){}", what, user, address, channel, note);
        record(user, AuditActions.SIGN_IN_FAILED, channel + " from " + address + auditNote + note);
    }

    /** Names under attack and addresses locked now, for the health report. */
    public SignInAttacks attacks() {
        return new SignInAttacks(throttle.namesUnderAttack(), throttle.lockedAddresses(), marks != null);
    }

    /**
     * The marks every node shares, or while the register that keeps them is away (a restart, an update), this
     * node's own: sign-ins go on, still slowed down, if only per node for that moment.
     */
    private AttemptMarks attemptMarks() {
        AttemptMarks current = marks;
        return current != null ? current : whileTheRegisterIsAway;
    }

    /** What the health report shows of sign-in attacks: counts only (the report needs no sign-in). */
    public record SignInAttacks(int namesUnderAttack, int lockedAddresses, boolean shared) {
    }

    private static String locked(Duration remaining) {
        long minutes = Math.max(1, (remaining.toSeconds() + 59) / 60);
        return LOCKED_PREFIX + " try again in " + minutes + (minutes == 1 ? " minute." : " minutes.");
    }

    /** The caller for a signed-in user, with the office locations granted to them now. */
    public Caller caller(String user, Set<String> roles, StaffSession session) {
        boolean administrator = roles.contains(AtriumRoles.ADMIN);
        UserGrants currentGrants = grants;
        Actor actor = currentGrants != null ? currentGrants.actorFor(user, administrator)
                : administrator ? Actor.administrator(user) : Actor.staff(user, Set.of());
        return new Caller(user, roles, actor, session);
    }

    private static Outcome refused(Status status, String detail) {
        return new Outcome(null, Set.of(), status, detail);
    }

    private void record(String user, String action, String detail) {
        AuditTrail trail = auditTrail;
        if (trail == null) {
            return;
        }
        try {
            trail.record(user, action, null, detail, List.of());
        } catch (RuntimeException e) {
            // the answer must go out even if the database is unavailable; the log line before has the facts
            LOG.error("Could not record {} in the audit trail", action, e);
        }
    }
}
