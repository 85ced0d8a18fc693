package org.atrium.registry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.atrium.api.audit.AuditEntry;
import org.atrium.api.audit.AuditQuery;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.Client;
import org.atrium.api.client.Page;
import org.atrium.api.client.Spouse;

/**
 * Writing and reading the audit trail with the caller's entity manager, so that a change and its entry
 * share one transaction. Also turns two versions of a client into the field changes to record, with tax IDs
 * masked.
 */
public final class AuditLog {

    private AuditLog() {
    }

    public static void append(EntityManager em, Instant at, String user, String action, String clientId, String subject,
            List<FieldChange> changes) {
        em.persist(new AuditEntity(at, user, action, clientId, subject, changes));
    }

    static Page<AuditEntry> search(EntityManager em, AuditQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        if (query.clientId() != null) {
            parameters.put("clientIdKey", ClientRules.clientIdKey(query.clientId()));
            conditions.add("a.clientIdKey = :clientIdKey");
        }
        if (query.user() != null) {
            parameters.put("user", query.user());
            conditions.add("a.user = :user");
        }
        if (query.action() != null) {
            parameters.put("action", query.action());
            conditions.add("a.action = :action");
        }
        if (query.from() != null) {
            parameters.put("from", query.from());
            conditions.add("a.at >= :from");
        }
        if (query.to() != null) {
            parameters.put("to", query.to());
            conditions.add("a.at < :to");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AuditEntity a" + where, Long.class);
        parameters.forEach(count::setParameter);
        long total = count.getSingleResult();
        long first = (long) query.page() * query.size();
        if (first >= total) {
            return new Page<>(List.of(), total, query.page(), query.size());
        }
        TypedQuery<AuditEntity> select = em.createQuery("SELECT a FROM AuditEntity a" + where + " ORDER BY a.id DESC",
                AuditEntity.class);
        parameters.forEach(select::setParameter);
        List<AuditEntry> entries = select.setFirstResult((int) first).setMaxResults(query.size()).getResultList()
                .stream().map(AuditEntity::toValue).toList();
        return new Page<>(entries, total, query.page(), query.size());
    }

    /**
     * The fields that differ between two versions of a client; {@code before} is {@code null} for a new
     * client and {@code after} for a deleted one. Tax IDs appear only masked.
     */
    public static List<FieldChange> diff(Client before, Client after) {
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, "clientId", before, after, Client::clientId);
        compare(changes, "type", before, after, Client::type);
        compare(changes, "name", before, after, Client::name);
        compare(changes, "email", before, after, Client::email);
        if (!Objects.equals(taxId(before), taxId(after))) {
            changes.add(new FieldChange("taxId", maskedTaxId(before), maskedTaxId(after)));
        }
        compare(changes, "dateOfBirth", before, after, Client::dateOfBirth);
        compare(changes, "countryCode", before, after, Client::countryCode);
        compare(changes, "mobileNumber", before, after, Client::mobileNumber);
        compare(changes, "officeLocation", before, after, Client::officeLocation);
        compare(changes, "marriedFilingJointly", before, after, Client::marriedFilingJointly);
        compare(changes, "spouse.name", before, after, c -> spouse(c, Spouse::name));
        compare(changes, "spouse.email", before, after, c -> spouse(c, Spouse::email));
        if (!Objects.equals(spouse(before, Spouse::taxId), spouse(after, Spouse::taxId))) {
            changes.add(new FieldChange("spouse.taxId", spouse(before, Spouse::maskedTaxId),
                    spouse(after, Spouse::maskedTaxId)));
        }
        compare(changes, "spouse.dateOfBirth", before, after, c -> spouse(c, Spouse::dateOfBirth));
        compare(changes, "spouse.countryCode", before, after, c -> spouse(c, Spouse::countryCode));
        compare(changes, "spouse.mobileNumber", before, after, c -> spouse(c, Spouse::mobileNumber));
        compare(changes, "spouseSignsFirst", before, after, Client::spouseSignsFirst);
        compare(changes, "portalAccess", before, after, Client::portalAccess);
        compare(changes, "smsOtp", before, after, Client::smsOtp);
        compare(changes, "dropOffAccess", before, after, Client::dropOffAccess);
        compare(changes, "status", before, after, Client::status);
        return changes;
    }

    private static void compare(List<FieldChange> changes, String field, Client before, Client after,
            Function<Client, Object> value) {
        String from = before == null ? null : text(value.apply(before));
        String to = after == null ? null : text(value.apply(after));
        if (!Objects.equals(from, to)) {
            changes.add(new FieldChange(field, from, to));
        }
    }

    private static <T> T spouse(Client client, Function<Spouse, T> value) {
        return client == null || client.spouse() == null ? null : value.apply(client.spouse());
    }

    private static String taxId(Client client) {
        return client == null ? null : client.taxId();
    }

    private static String maskedTaxId(Client client) {
        return client == null ? null : client.maskedTaxId();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }

    public static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
