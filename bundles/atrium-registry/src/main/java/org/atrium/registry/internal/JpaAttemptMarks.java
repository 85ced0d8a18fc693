package org.atrium.registry.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.security.AttemptMarks;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Attempt marks in the "atrium" persistence unit, table ATTEMPT_MARK: every node reads and writes the same. */
@Component(service = AttemptMarks.class)
public class JpaAttemptMarks implements AttemptMarks {

    private final RegisterCore core;

    @Activate
    public JpaAttemptMarks(@Reference RegisterCore core) {
        this.core = core;
    }

    @Override
    public void add(Key key, Instant at) {
        Key kept = kept(key);
        core.jpa().tx(TransactionType.Required, em -> em.persist(new AttemptMarkEntity(kept, at)));
    }

    @Override
    public Map<Key, Tally> tally(Set<Key> keys, Instant since) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<Key> asked = keys.stream().map(JpaAttemptMarks::kept).toList();
        StringBuilder which = new StringBuilder();
        for (int i = 0; i < asked.size(); i++) {
            which.append(i == 0 ? "" : " OR ").append("(m.kind = :k").append(i).append(" AND m.subject = :s")
                    .append(i).append(')');
        }
        return core.jpa().txExpr(TransactionType.Supports, em -> {
            TypedQuery<Object[]> query = em.createQuery("SELECT m.kind, m.subject, COUNT(m), MIN(m.markedAt), MAX(m.markedAt) FROM "
                    + "AttemptMarkEntity m WHERE m.markedAt >= :since AND (" + which + ") GROUP BY m.kind, m.subject",
                    Object[].class).setParameter("since", since);
            for (int i = 0; i < asked.size(); i++) {
                query.setParameter("k" + i, asked.get(i).kind()).setParameter("s" + i, asked.get(i).subject());
            }
            Map<Key, Tally> tallies = new HashMap<>();
            for (Object[] row : query.getResultList()) {
                Key found = new Key((String) row[0], (String) row[1]);
                Tally tally = new Tally(((Number) row[2]).intValue(), (Instant) row[3], (Instant) row[4]);
                // reported under the key asked, which may have been longer than what is kept
                keys.stream().filter(key -> kept(key).equals(found)).forEach(key -> tallies.put(key, tally));
            }
            return tallies;
        });
    }

    @Override
    public void remove(Set<Key> keys) {
        core.jpa().tx(TransactionType.Required, em -> {
            for (Key key : keys) {
                Key kept = kept(key);
                em.createQuery("DELETE FROM AttemptMarkEntity m WHERE m.kind = :kind AND m.subject = :subject")
                        .setParameter("kind", kept.kind()).setParameter("subject", kept.subject()).executeUpdate();
            }
        });
    }

    @Override
    public int subjects(String kind, int atLeast, Instant since) {
        List<String> subjects = core.jpa().txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT m.subject FROM AttemptMarkEntity m WHERE m.kind = :kind AND m.markedAt >= :since "
                        + "GROUP BY m.subject HAVING COUNT(m) >= :atLeast", String.class)
                .setParameter("kind", kind).setParameter("since", since).setParameter("atLeast", (long) atLeast)
                .getResultList());
        return subjects.size();
    }

    @Override
    public int removeBefore(String kind, Instant before) {
        return core.jpa().txExpr(TransactionType.Required, em -> em.createQuery(
                "DELETE FROM AttemptMarkEntity m WHERE m.kind = :kind AND m.markedAt < :before")
                .setParameter("kind", kind).setParameter("before", before).executeUpdate());
    }

    private static Key kept(Key key) {
        if (key.kind().length() > AttemptMarkEntity.MAX_KIND) {
            throw new IllegalArgumentException("an attempt mark's kind is at most " + AttemptMarkEntity.MAX_KIND
                    + " characters: " + key.kind());
        }
        return key.subject().length() <= MAX_SUBJECT ? key
                : new Key(key.kind(), key.subject().substring(0, MAX_SUBJECT));
    }
}
