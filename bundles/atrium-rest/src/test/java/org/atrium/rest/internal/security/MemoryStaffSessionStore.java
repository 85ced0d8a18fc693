package org.atrium.rest.internal.security;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.atrium.api.security.StaffSessionStore;
import org.atrium.api.security.StoredStaffSession;

/** The session store in a map, as the register's table behaves; counts the writes of activity. */
final class MemoryStaffSessionStore implements StaffSessionStore {

    private final Map<String, StoredStaffSession> sessions = new ConcurrentHashMap<>();
    int touches;

    @Override
    public void add(StoredStaffSession session) {
        sessions.put(session.key(), session);
    }

    @Override
    public Optional<StoredStaffSession> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(sessions.get(key));
    }

    @Override
    public void touch(String key, Instant lastSeenAt) {
        touches++;
        sessions.computeIfPresent(key, (k, s) -> s.lastSeenAt().isBefore(lastSeenAt) ? new StoredStaffSession(k,
                s.user(), s.roles(), s.csrfToken(), s.signedInAt(), lastSeenAt, s.pendingStep(), s.browser()) : s);
    }

    @Override
    public void pendingStep(String key, String step) {
        sessions.computeIfPresent(key, (k, s) -> new StoredStaffSession(k, s.user(), s.roles(), s.csrfToken(),
                s.signedInAt(), s.lastSeenAt(), step, s.browser()));
    }

    @Override
    public boolean remove(String key) {
        return sessions.remove(key) != null;
    }

    @Override
    public int removeOf(String user, String keepKey) {
        List<String> ended = sessions.values().stream()
                .filter(s -> s.user().equals(user) && !Objects.equals(s.key(), keepKey)).map(StoredStaffSession::key)
                .toList();
        ended.forEach(sessions::remove);
        return ended.size();
    }

    @Override
    public List<StoredStaffSession> of(String user) {
        return sessions.values().stream().filter(s -> s.user().equals(user))
                .sorted(Comparator.comparing(StoredStaffSession::lastSeenAt).reversed()).toList();
    }

    @Override
    public int removeIdle(Instant lastSeenBefore) {
        List<String> ended = sessions.values().stream().filter(s -> s.lastSeenAt().isBefore(lastSeenBefore))
                .map(StoredStaffSession::key).toList();
        ended.forEach(sessions::remove);
        return ended.size();
    }
}
