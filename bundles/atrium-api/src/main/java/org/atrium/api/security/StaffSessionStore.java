package org.atrium.api.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The staff's sign-in sessions, kept in the database so that every node behind a load balancer knows them and
 * they outlive an update of the REST bundle. The idle timeout is the caller's: this store only keeps, finds and
 * ends sessions.
 */
@ProviderType
public interface StaffSessionStore {

    void add(StoredStaffSession session);

    /** The session with this key, if it has not ended. */
    Optional<StoredStaffSession> find(String key);

    /** Records a request; nothing if the session has ended. */
    void touch(String key, Instant lastSeenAt);

    /** Sets what the user must still do (null: nothing); nothing if the session has ended. */
    void pendingStep(String key, String step);

    /** Ends one session; false if it had ended already. */
    boolean remove(String key);

    /**
     * Ends every session of a user but one.
     *
     * @param keepKey the session to keep, or null
     * @return how many ended
     */
    int removeOf(String user, String keepKey);

    /** A user's sessions, the latest used first. */
    List<StoredStaffSession> of(String user);

    /** Ends the sessions last seen before {@code lastSeenBefore}; how many ended. */
    int removeIdle(Instant lastSeenBefore);
}
