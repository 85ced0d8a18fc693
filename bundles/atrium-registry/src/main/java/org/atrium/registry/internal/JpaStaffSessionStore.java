package org.atrium.registry.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.security.StaffSessionStore;
import org.atrium.api.security.StoredStaffSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Staff sign-in sessions in the "atrium" persistence unit: every node sees the same sessions. */
@Component(service = StaffSessionStore.class)
public class JpaStaffSessionStore implements StaffSessionStore {

    private final RegisterCore core;

    @Activate
    public JpaStaffSessionStore(@Reference RegisterCore core) {
        this.core = core;
    }

    @Override
    public void add(StoredStaffSession session) {
        core.jpa().tx(TransactionType.Required, em -> em.persist(new StaffSessionEntity(session)));
    }

    @Override
    public Optional<StoredStaffSession> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return core.jpa().txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT s FROM StaffSessionEntity s WHERE s.key = :key", StaffSessionEntity.class)
                .setParameter("key", key).getResultList().stream().findFirst().map(StaffSessionEntity::toValue));
    }

    @Override
    public void touch(String key, Instant lastSeenAt) {
        core.jpa().tx(TransactionType.Required, em -> em.createQuery(
                "UPDATE StaffSessionEntity s SET s.lastSeenAt = :at WHERE s.key = :key AND s.lastSeenAt < :at")
                .setParameter("at", lastSeenAt).setParameter("key", key).executeUpdate());
    }

    @Override
    public void pendingStep(String key, String step) {
        core.jpa().tx(TransactionType.Required, em -> em.createQuery(
                "UPDATE StaffSessionEntity s SET s.pendingStep = :step WHERE s.key = :key")
                .setParameter("step", step).setParameter("key", key).executeUpdate());
    }

    @Override
    public boolean remove(String key) {
        return core.jpa().txExpr(TransactionType.Required, em -> em.createQuery(
                "DELETE FROM StaffSessionEntity s WHERE s.key = :key").setParameter("key", key).executeUpdate()) > 0;
    }

    @Override
    public int removeOf(String user, String keepKey) {
        return core.jpa().txExpr(TransactionType.Required, em -> em.createQuery(
                "DELETE FROM StaffSessionEntity s WHERE s.username = :user AND s.key <> :keep")
                .setParameter("user", user).setParameter("keep", keepKey == null ? "" : keepKey).executeUpdate());
    }

    @Override
    public List<StoredStaffSession> of(String user) {
        return core.jpa().txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT s FROM StaffSessionEntity s WHERE s.username = :user ORDER BY s.lastSeenAt DESC",
                StaffSessionEntity.class).setParameter("user", user).getResultList().stream()
                .map(StaffSessionEntity::toValue).toList());
    }

    @Override
    public int removeIdle(Instant lastSeenBefore) {
        return core.jpa().txExpr(TransactionType.Required, em -> em.createQuery(
                "DELETE FROM StaffSessionEntity s WHERE s.lastSeenAt < :before")
                .setParameter("before", lastSeenBefore).executeUpdate());
    }
}
