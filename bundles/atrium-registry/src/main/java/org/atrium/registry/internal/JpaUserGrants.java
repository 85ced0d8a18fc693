package org.atrium.registry.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.security.Actor;
import org.atrium.api.security.UserGrant;
import org.atrium.api.security.UserGrants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Users' office grants in the "atrium" persistence unit; each change is audited in the same transaction. */
@Component(service = UserGrants.class,
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=register)"))
public class JpaUserGrants implements UserGrants {

    private final JpaTemplate jpa;
    private final Clock clock;

    @Activate
    public JpaUserGrants(@Reference(target = "(osgi.unit.name=atrium)") JpaTemplate jpa) {
        this(jpa, Clock.systemUTC());
    }

    JpaUserGrants(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Override
    public Optional<UserGrant> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Supports,
                em -> Optional.ofNullable(em.find(UserGrantEntity.class, username)).map(UserGrantEntity::toValue));
    }

    @Override
    public List<UserGrant> list() {
        return jpa.txExpr(TransactionType.Supports,
                em -> em.createQuery("SELECT g FROM UserGrantEntity g ORDER BY g.username", UserGrantEntity.class)
                        .getResultList().stream().map(UserGrantEntity::toValue).toList());
    }

    @Override
    public UserGrant save(UserGrant grant, Actor by) {
        if (!by.administrator()) {
            throw new AccessDeniedException("Granting office locations is for system administrators only.");
        }
        String email = ClientRules.isBlank(grant.email()) ? null : grant.email().strip();
        UserGrant normalized = new UserGrant(grant.username(), email, grant.offices());
        List<FieldError> errors = new ArrayList<>();
        if (ClientRules.isBlank(grant.username()) || grant.username().length() > UserGrantEntity.MAX_USERNAME) {
            errors.add(new FieldError("username", "A user name of 1 to " + UserGrantEntity.MAX_USERNAME
                    + " characters is required."));
        }
        ClientRules.checkEmail("email", "Email", email, false, errors);
        // offices are never deleted, so checking them before the write is as good as inside it
        List<Integer> unknown = jpa.txExpr(TransactionType.Supports, em -> normalized.offices().stream()
                .filter(office -> em.find(OfficeEntity.class, office) == null).toList());
        if (!unknown.isEmpty()) {
            errors.add(new FieldError("offices", "Office location" + (unknown.size() == 1 ? " " : "s ")
                    + unknown.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + (unknown.size() == 1 ? " does" : " do") + " not exist."));
        }
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
        return jpa.txExpr(TransactionType.Required, em -> {
            UserGrantEntity entity = em.find(UserGrantEntity.class, normalized.username());
            UserGrant before = entity == null ? UserGrant.none(normalized.username()) : entity.toValue();
            if (entity == null) {
                entity = new UserGrantEntity(normalized.username());
                em.persist(entity);
            }
            entity.apply(normalized);
            List<FieldChange> changes = new ArrayList<>();
            if (!Objects.equals(before.email(), normalized.email())) {
                changes.add(new FieldChange("email", before.email(), normalized.email()));
            }
            if (!before.offices().equals(normalized.offices())) {
                changes.add(new FieldChange("offices", officeList(before), officeList(normalized)));
            }
            if (!changes.isEmpty()) {
                AuditLog.append(em, clock.instant(), by.name(), AuditActions.GRANT_CHANGED, null,
                        "user " + normalized.username(), changes);
            }
            return normalized;
        });
    }

    private static String officeList(UserGrant grant) {
        return grant.offices().stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
