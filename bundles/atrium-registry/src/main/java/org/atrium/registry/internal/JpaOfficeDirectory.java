package org.atrium.registry.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.persistence.PersistenceException;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;
import org.atrium.api.security.Actor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The office locations table. A new database starts with office 1, "Main Office". */
@Component(service = OfficeDirectory.class,
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=register)"))
public class JpaOfficeDirectory implements OfficeDirectory {

    static final OfficeLocation MAIN_OFFICE = new OfficeLocation(1, "Main Office");

    private final JpaTemplate jpa;
    private final Clock clock = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Activate
    public JpaOfficeDirectory(@Reference(target = "(osgi.unit.name=atrium)") JpaTemplate jpa) {
        this.jpa = jpa;
        seedMainOffice();
    }

    private void seedMainOffice() {
        jpa.tx(TransactionType.Required, em -> {
            Long offices = em.createQuery("SELECT COUNT(o) FROM OfficeEntity o", Long.class).getSingleResult();
            if (offices == 0) {
                em.persist(new OfficeEntity(MAIN_OFFICE.number(), MAIN_OFFICE.name()));
            }
        });
    }

    @Override
    public List<OfficeLocation> list() {
        return jpa.txExpr(TransactionType.Supports,
                em -> em.createQuery("SELECT o FROM OfficeEntity o ORDER BY o.number", OfficeEntity.class)
                        .getResultList().stream().map(OfficeEntity::toValue).toList());
    }

    @Override
    public Optional<OfficeLocation> find(int number) {
        return jpa.txExpr(TransactionType.Supports,
                em -> Optional.ofNullable(em.find(OfficeEntity.class, number)).map(OfficeEntity::toValue));
    }

    @Override
    public OfficeLocation create(OfficeLocation office, Actor by) {
        if (!by.administrator()) {
            throw new AccessDeniedException("Adding an office location is for system administrators only.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (office.number() <= 0) {
            errors.add(new FieldError("number", "Office number must be a positive whole number."));
        }
        String name = office.name() == null ? "" : office.name().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "Office name is required."));
        } else if (name.length() > ClientRules.MAX_NAME) {
            errors.add(new FieldError("name", "Office name must be at most " + ClientRules.MAX_NAME + " characters."));
        }
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
        ClientConflictException taken = new ClientConflictException(
                List.of(new FieldError("number", "Office " + office.number() + " already exists.")));
        if (find(office.number()).isPresent()) {
            throw taken;
        }
        OfficeLocation created;
        try {
            created = jpa.txExpr(TransactionType.Required, em -> {
                OfficeEntity entity = new OfficeEntity(office.number(), name);
                em.persist(entity);
                em.flush();
                AuditLog.append(em, clock.instant(), by.name(), AuditActions.OFFICE_CREATED, null,
                        "office " + office.number(), List.of(new FieldChange("name", null, name)));
                return entity.toValue();
            });
        } catch (PersistenceException e) {
            if (ConstraintViolations.causedBy(e)) {
                throw taken; // created by a concurrent request since the check above
            }
            throw e;
        }
        EventAdmin events = eventAdmin;
        if (events != null) {
            events.postEvent(new Event(AtriumTopics.OFFICE_CREATED, Map.of(AtriumTopics.PROPERTY_OFFICE, created.number())));
        }
        return created;
    }
}
