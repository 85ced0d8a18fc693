package org.atrium.rest.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.atrium.api.event.AtriumTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The browsers signed in to the staff API, in memory: a session ends when it has been idle for
 * {@code idle.timeout.minutes} (a decimal number: 0.5 is 30 seconds), when its user signs out, or when this
 * bundle stops (users sign in again).
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

    private record Entry(StaffSession session, Instant lastSeen) {
    }

    private static final int MAX_SESSIONS = 100_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Duration idleTimeout = Duration.ofMinutes(30);

    public StaffSessions() {
        this(Clock.systemUTC());
    }

    StaffSessions(Clock clock) {
        this.clock = clock;
    }

    @Activate
    @Modified
    void configure(Config config) {
        // at least 5 seconds: a page needs a moment between its requests
        idleTimeout = Duration.ofMillis(Math.max(5_000, Math.round(config.idle_timeout_minutes() * 60_000)));
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * A new session that reaches only {@code pendingStep} until {@link #complete} (null: a full session); the
     * answer holds the cookie's value, which only the browser keeps.
     *
     * @param browser the User-Agent, shown in the user's list of sessions
     */
    public Opened open(String user, Set<String> roles, String pendingStep, String browser) {
        forgetIdle();
        if (sessions.size() >= MAX_SESSIONS) {
            throw new IllegalStateException("too many sign-in sessions");
        }
        String cookieValue = randomToken();
        StaffSession session = new StaffSession(key(cookieValue), user, roles, randomToken(), clock.instant(),
                pendingStep, browser == null ? null : browser.substring(0, Math.min(browser.length(), 200)));
        sessions.put(session.key(), new Entry(session, clock.instant()));
        return new Opened(cookieValue, session);
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
        Instant now = clock.instant();
        Entry entry = sessions.computeIfPresent(key,
                (k, e) -> idle(e, now) ? null : new Entry(e.session(), now));
        return Optional.ofNullable(entry).map(Entry::session);
    }

    public void close(StaffSession session) {
        sessions.remove(session.key());
    }

    /** The pending step is done: the session reaches everything its user may. */
    public void complete(StaffSession session) {
        advance(session, null);
    }

    /** The pending step is done and {@code nextStep} (null: none) is the one left. */
    public void advance(StaffSession session, String nextStep) {
        sessions.computeIfPresent(session.key(),
                (k, e) -> new Entry(e.session().withPendingStep(nextStep), e.lastSeen()));
    }

    /** One of a user's live sessions, as they see it in their list. */
    public record ActiveSession(String id, Instant signedInAt, Instant lastSeenAt, String browser) {
    }

    /** A user's live sessions, the latest used first; the ID is the session's key, not its cookie. */
    public List<ActiveSession> of(String user) {
        Instant now = clock.instant();
        return sessions.values().stream().filter(e -> e.session().user().equals(user) && !idle(e, now))
                .sorted(Comparator.comparing(Entry::lastSeen).reversed())
                .map(e -> new ActiveSession(e.session().key(), e.session().signedInAt(), e.lastSeen(),
                        e.session().browser()))
                .toList();
    }

    /** Ends one of a user's sessions; false if the user has no such session. */
    public boolean close(String user, String id) {
        Entry entry = id == null ? null : sessions.get(id);
        return entry != null && entry.session().user().equals(user) && sessions.remove(id, entry);
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
        AtomicInteger ended = new AtomicInteger();
        sessions.values().removeIf(entry -> {
            boolean end = entry.session().user().equals(user)
                    && (keep == null || !entry.session().key().equals(keep.key()));
            if (end) {
                ended.incrementAndGet();
            }
            return end;
        });
        return ended.get();
    }

    private boolean idle(Entry entry, Instant now) {
        return !now.isBefore(entry.lastSeen().plus(idleTimeout));
    }

    private void forgetIdle() {
        Instant now = clock.instant();
        sessions.values().removeIf(entry -> idle(entry, now));
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
