package org.atrium.registry.internal.portal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import javax.persistence.EntityManager;

import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientNotFoundException;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.Person;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.portal.Invitation;
import org.atrium.api.portal.PortalAccessOffException;
import org.atrium.api.portal.PortalIdentity;
import org.atrium.api.portal.RegistrationRejectedException;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.AuditLog;
import org.atrium.registry.internal.ClientEntity;
import org.atrium.registry.internal.ClientRules;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.Scope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The portal's people in the register (see {@link PortalIdentity}): invitations, registration with a link's
 * token, lookups by email, sign-ins. Each method is one transaction with its audit entry.
 */
@Component(service = PortalIdentity.class)
public class JpaPortalIdentity implements PortalIdentity {

    private static final String UNKNOWN_LINK = "This registration link is not valid: it may be incomplete, or replaced "
            + "by a newer invitation. Open the link of your latest invitation email, or ask your firm for a new one.";
    private static final DateTimeFormatter LINK_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final RegisterCore core;
    private final Scope scope;

    @Activate
    public JpaPortalIdentity(@Reference RegisterCore core) {
        this(core, new Scope(Actor.SYSTEM));
    }

    private JpaPortalIdentity(RegisterCore core, Scope scope) {
        this.core = core;
        this.scope = scope;
    }

    @Override
    public PortalIdentity as(Actor actor) {
        return new JpaPortalIdentity(core, new Scope(Objects.requireNonNull(actor, "actor")));
    }
    @Override
    public Client recordInvitation(String clientId, Invitation invitation) {
        if (!core.requireVisible(scope, clientId).portalAccess()) {
            throw portalAccessOff(clientId);
        }
        Updated updated = core.write(em -> {
            ClientEntity entity = scope.requireEntity(em, clientId);
            if (!entity.portalAccess()) {
                throw portalAccessOff(entity.clientId());
            }
            Client before = core.value(entity);
            entity.invited(invitation, core.clock().instant());
            em.flush();
            Client after = core.value(entity);
            List<FieldChange> changes = AuditLog.diff(before, after);
            core.audit(em, scope.actor(), AuditActions.INVITATION_SENT, after.clientId(), changes);
            return new Updated(after, changes.stream().map(FieldChange::field).toArray(String[]::new));
        });
        core.events().client(AtriumTopics.CLIENT_UPDATED, updated.after(), updated.changedFields(), null);
        return updated.after();
    }

    @Override
    public Client recordInvitationFailure(String clientId, String error) {
        core.requireVisible(scope, clientId);
        return core.write(em -> {
            ClientEntity entity = scope.requireEntity(em, clientId);
            entity.invitationFailed(error, core.clock().instant());
            em.flush();
            core.audit(em, scope.actor(), AuditActions.INVITATION_FAILED, entity.clientId(),
                    List.of(new FieldChange("lastInvitationError", null, AuditLog.cut(error, 500))));
            return core.value(entity);
        });
    }

    @Override
    public PortalPerson registerPerson(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw new RegistrationRejectedException(UNKNOWN_LINK);
        }
        String hash = Invitation.hash(token.strip());
        Registered registered = core.write(em -> {
            // two indexed lookups: Derby answers an OR over two columns by reading every row
            ClientEntity entity = byToken(em, "taxpayer", hash)
                    .or(() -> byToken(em, "spouse", hash))
                    .orElseThrow(() -> new RegistrationRejectedException(UNKNOWN_LINK));
            Person person = entity.personOfToken(hash).orElseThrow(() -> new RegistrationRejectedException(UNKNOWN_LINK));
            if (entity.registeredAt(person) != null) {
                // a used link, or a new invitation of someone registered: either way nothing to register
                throw new RegistrationRejectedException("You registered already, on "
                        + LINK_DATE.format(entity.registeredAt(person)) + ": sign in with your email address and an "
                        + "access code instead.");
            }
            if (entity.inviteExpiresAt() != null && !core.clock().instant().isBefore(entity.inviteExpiresAt())) {
                throw new RegistrationRejectedException("This registration link expired on "
                        + LINK_DATE.format(entity.inviteExpiresAt()) + ". Ask your firm to send you a new invitation.");
            }
            if (!entity.portalAccess()) {
                throw new PortalAccessOffException("Portal access is off for this client: ask your firm to turn it "
                        + "on. Nothing was changed.");
            }
            Client before = core.value(entity);
            entity.registered(person, core.clock().instant());
            em.flush();
            Client after = core.value(entity);
            List<FieldChange> changes = AuditLog.diff(before, after);
            AuditLog.append(em, core.clock().instant(), PortalPerson.auditName(after.clientId(), person),
                    AuditActions.CLIENT_REGISTERED, after.clientId(), null, changes);
            return new Registered(new PortalPerson(after, person),
                    changes.stream().map(FieldChange::field).toArray(String[]::new));
        });
        core.events().client(AtriumTopics.CLIENT_UPDATED, registered.person().client(), registered.changedFields(),
                null);
        core.events().registered(registered.person().client(), registered.person().person().name().toLowerCase(
                java.util.Locale.ROOT));
        return registered.person();
    }

    @Override
    public Optional<PortalPerson> findPortalPerson(String email) {
        String key = ClientRules.emailKey(email);
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        // CLIENT_EMAIL holds every taxpayer's and spouse's address under a unique index
        return core.read(em -> em.createQuery("SELECT c FROM ClientEntity c"
                + " JOIN c.emailKeys e WHERE e = :key", ClientEntity.class).setParameter("key", key)
                .getResultStream().findFirst().map(entity -> {
                    Client client = core.value(entity);
                    Person person = key.equals(ClientRules.emailKey(client.email())) ? Person.TAXPAYER : Person.SPOUSE;
                    return new PortalPerson(client, person);
                }));
    }

    @Override
    public Client recordSignIn(String clientId, Person person) {
        return core.write(em -> {
            ClientEntity entity = Scope.findEntity(em, clientId).orElseThrow(() -> new ClientNotFoundException(clientId));
            java.time.Instant now = core.clock().instant();
            // a bulk update: no new version, so a staff member's open form does not become stale
            em.createQuery("UPDATE ClientEntity c SET c.lastSignInAt = :now WHERE c.pk = :pk")
                    .setParameter("now", now).setParameter("pk", entity.pk()).executeUpdate();
            AuditLog.append(em, now, PortalPerson.auditName(entity.clientId(), person), AuditActions.CLIENT_SIGNED_IN,
                    entity.clientId(), null, List.of());
            em.refresh(entity);
            return core.value(entity);
        });
    }

    /** @param person {@code taxpayer} or {@code spouse}: whose link's token to look for */
    private static Optional<ClientEntity> byToken(EntityManager em, String person, String hash) {
        return em.createQuery("SELECT c FROM ClientEntity c WHERE c." + person + ".inviteTokenHash = :hash",
                ClientEntity.class)
                .setParameter("hash", hash).getResultStream().findFirst();
    }

    private record Registered(PortalPerson person, String[] changedFields) {
    }

    private static ClientValidationException portalAccessOff(String clientId) {
        return new ClientValidationException(List.of(new FieldError("portalAccess", "Portal access is off for client '"
                + clientId + "': turn it on before sending the onboarding email.")));
    }

    /** An update's result and the names of the fields it changed. */
    private record Updated(Client after, String[] changedFields) {
    }
}
