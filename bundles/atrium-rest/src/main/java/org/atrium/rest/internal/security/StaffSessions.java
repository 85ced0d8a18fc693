package org.atrium.rest.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.atrium.api.event.AtriumTopics;
import org.atrium.api.security.StaffSessionStore;
import org.atrium.api.security.StoredStaffSession;
import org.atrium.rest.internal.Unavailable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The browsers signed in to the staff API, kept in the database ({@link StaffSessionStore}) so that any node
 * behind a load balancer serves them and an update of this bundle signs nobody out. A session ends when it has
 * been idle for {@code idle.timeout.minutes} (a decimal number: 0.5 is 30 seconds) or when its user signs out.
 * A request is written down at most every {@link #touchInterval()}, not once per request.
 */
@Component(service = {StaffSessions.class, EventHandler.class}, immediate = true, configurationPid = StaffSessions.PID,
        property = EventConstants.EVENT_TOPIC + "=" + AtriumTopics.USER_MFA_RESET)
@Designate(ocd = StaffSessions.Config.class)
public class StaffSessions implements EventHandler {

    public static final String PID = "atrium.session";

    /** The cookie that carries a session's ID. */
    public static final String COOKIE = "ATRIUM_SESSION";

    @ObjectClassDefinition(name = "Atrium staff sessions", description = "Sign-in sessions of the staff pages")
    public @interface Config {
        @AttributeDefinition(description = "Minutes without a request after which a session ends")
        double idle_timeout_minutes() default 30;
    }

    /** The longest a request may go unrecorded: the idle timeout counts from the last one recorded. */
    private static final Duration LONGEST_TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** Idle sessions are deleted at most this often, by whichever node opens a session. */
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(5);

    private final SecureRandom random = new SecureRandom();
    /**
     * Optional, so that the API (its health report among it) stays up while the register restarts: meanwhile a
     * request with a session cookie is answered 503, not 401, and the browser stays signed in.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StaffSessionStore store;
    private final Clock clock;
    private volatile Duration idleTimeout = Duration.ofMinutes(30);
    private volatile Instant nextSweep = Instant.MIN;

    @Activate
    public StaffSessions(Config config) {
        this.clock = Clock.systemUTC();
        configure(config);
    }

    StaffSessions(StaffSessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Modified
    void configure(Config config) {
        // at least 5 seconds: a page needs a moment between its requests
        idleTimeout = Duration.ofMillis(Math.max(5_000, Math.round(config.idle_timeout_minutes() * 60_000)));
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** A tenth of the idle timeout, at most a minute: a session may end up to that much early. */
    Duration touchInterval() {
        Duration tenth = idleTimeout.dividedBy(10);
        return tenth.compareTo(LONGEST_TOUCH_INTERVAL) < 0 ? tenth : LONGEST_TOUCH_INTERVAL;
    }

    /**
     * A new session that reaches only {@code pendingStep} until {@link #complete} (null: a full session); the
     * answer holds the cookie's value, which only the browser keeps.
     *
     * @param browser the User-Agent, shown in the user's list of sessions
     */
    public Opened open(String user, Set<String> roles, String pendingStep, String browser) {
        Instant now = clock.instant();
        sweepIdle(now);
        String cookieValue = randomToken();
        StoredStaffSession stored = new StoredStaffSession(key(cookieValue), user, roles, randomToken(), now, now,
                pendingStep, browser);
        store().add(stored);
        return new Opened(cookieValue, session(stored));
    }

    /** A new session and the value of its cookie. */
    public record Opened(String cookieValue, StaffSession session) {
    }

    /** The live session for a cookie's value; using it counts as activity. */
    public Optional<StaffSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return Optional.empty();
        }
        String key = key(cookieValue);
        Optional<StoredStaffSession> stored = store().find(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (idle(stored.get(), now)) {
            store().remove(key);
            return Optional.empty();
        }
        if (!now.isBefore(stored.get().lastSeenAt().plus(touchInterval()))) {
            store().touch(key, now);
        }
        return stored.map(StaffSessions::session);
    }

    public void close(StaffSession session) {
        store().remove(session.key());
    }

    /** The pending step is done: the session reaches everything its user may. */
    public void complete(StaffSession session) {
        advance(session, null);
    }

    /** The pending step is done and {@code nextStep} (null: none) is the one left. */
    public void advance(StaffSession session, String nextStep) {
        store().pendingStep(session.key(), nextStep);
    }

    /** One of a user's live sessions, as they see it in their list. */
    public record ActiveSession(String id, Instant signedInAt, Instant lastSeenAt, String browser) {
    }

    /** A user's live sessions, the latest used first; the ID is the session's key, not its cookie. */
    public List<ActiveSession> of(String user) {
        Instant now = clock.instant();
        return store().of(user).stream().filter(s -> !idle(s, now))
                .map(s -> new ActiveSession(s.key(), s.signedInAt(), s.lastSeenAt(), s.browser())).toList();
    }

    /** Ends one of a user's sessions; false if the user has no such session. */
    public boolean close(String user, String id) {
        Optional<StoredStaffSession> stored = id == null ? Optional.empty() : store().find(id);
        return stored.isPresent() && stored.get().user().equals(user) && store().remove(id);
    }

    /** A user's second factor was reset (at the console, say): their sessions end. */
    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(AtriumTopics.PROPERTY_USERNAME) instanceof String user) {
            closeAll(user);
        }
    }

    /** Ends every session of a user (their second factor was reset, say). */
    public void closeAll(String user) {
        closeAllBut(user, null);
    }

    /**
     * Ends every session of a user but one (the one that changed the password, say).
     *
     * @param keep the session to keep, or null
     * @return how many sessions ended
     */
    public int closeAllBut(String user, StaffSession keep) {
        return store().removeOf(user, keep == null ? null : keep.key());
    }

    private StaffSessionStore store() {
        StaffSessionStore current = store;
        if (current == null) {
            throw Unavailable.retryLater("Restarting the client register, which keeps the sign-in sessions");
        }
        return current;
    }

    private boolean idle(StoredStaffSession session, Instant now) {
        return !now.isBefore(session.lastSeenAt().plus(idleTimeout));
    }

    private void sweepIdle(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_EVERY);
        store().removeIdle(now.minus(idleTimeout));
    }

    private static StaffSession session(StoredStaffSession stored) {
        return new StaffSession(stored.key(), stored.user(), stored.roles(), stored.csrfToken(), stored.signedInAt(),
                stored.pendingStep(), stored.browser());
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String cookieValue) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(cookieValue.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
