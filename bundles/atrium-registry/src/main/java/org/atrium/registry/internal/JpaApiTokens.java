package org.atrium.registry.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.audit.AuditActions;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.security.Actor;
import org.atrium.api.security.ApiToken;
import org.atrium.api.security.ApiTokens;
import org.atrium.api.security.CreatedToken;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Personal API tokens in the "atrium" persistence unit, found by a keyed hash of the token. */
@Component(service = ApiTokens.class)
public class JpaApiTokens implements ApiTokens {

    /** Every token starts so, which lets a secret scanner (or a person) tell what it is. */
    static final String PREFIX = "atr_";
    /** A use is written down at most this often per token: not one database write per request. */
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    private final RegisterCore core;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public JpaApiTokens(@Reference RegisterCore core) {
        this.core = core;
    }

    @Override
    public CreatedToken create(String username, String name, Instant expiresAt, boolean readOnly) {
        Instant now = core.clock().instant();
        List<FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > ApiTokenEntity.MAX_NAME) {
            errors.add(new FieldError("name", "Name the token (1 to " + ApiTokenEntity.MAX_NAME + " characters), "
                    + "e.g. after the script that uses it."));
        }
        if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
            errors.add(new FieldError("expiresAt", "A token expires in the future, at most " + MAX_DAYS
                    + " days ahead."));
        }
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiTokenEntity entity = new ApiTokenEntity(UUID.randomUUID().toString(), username, trimmed, hash(secret), now,
                expiresAt, readOnly);
        core.jpa().tx(TransactionType.Required, em -> {
            em.persist(entity);
            AuditLog.append(em, now, username, AuditActions.TOKEN_CREATED, null, "token '" + trimmed + "'"
                    + (readOnly ? " (read-only)" : "") + " until " + expiresAt, List.of());
        });
        return new CreatedToken(entity.toValue(), secret);
    }

    @Override
    public Optional<ApiToken> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = core.clock().instant();
        Optional<ApiTokenEntity> found = core.jpa().txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT t FROM ApiTokenEntity t WHERE t.hash = :hash", ApiTokenEntity.class).setParameter("hash", hash)
                .getResultList().stream().findFirst());
        if (found.isEmpty() || !found.get().live(now)) {
            return Optional.empty();
        }
        Instant lastUsed = found.get().lastUsedAt();
        if (lastUsed == null || lastUsed.plus(USE_RECORDED_EVERY).isBefore(now)) {
            core.jpa().tx(TransactionType.Required, em -> {
                ApiTokenEntity entity = em.find(ApiTokenEntity.class, found.get().toValue().id());
                if (entity.lastUsedAt() == null) {
                    AuditLog.append(em, now, entity.username(), AuditActions.TOKEN_FIRST_USED, null,
                            "token '" + entity.toValue().name() + "'", List.of());
                }
                entity.used(now);
            });
        }
        return found.map(ApiTokenEntity::toValue);
    }

    @Override
    public List<ApiToken> list(String username) {
        Instant now = core.clock().instant();
        return core.jpa().txExpr(TransactionType.Supports, em -> (username == null
                ? em.createQuery("SELECT t FROM ApiTokenEntity t WHERE t.revokedAt IS NULL ORDER BY t.createdAt DESC",
                        ApiTokenEntity.class)
                : em.createQuery("SELECT t FROM ApiTokenEntity t WHERE t.revokedAt IS NULL AND t.username = :user "
                        + "ORDER BY t.createdAt DESC", ApiTokenEntity.class).setParameter("user", username))
                .getResultList().stream().filter(t -> t.live(now)).map(ApiTokenEntity::toValue).toList());
    }

    @Override
    public void revoke(String id, Actor by) {
        Instant now = core.clock().instant();
        core.jpa().tx(TransactionType.Required, em -> {
            ApiTokenEntity entity = id == null ? null : em.find(ApiTokenEntity.class, id);
            if (entity == null || !entity.live(now) || !(by.administrator() || entity.username().equals(by.name()))) {
                throw new UnknownItemException("No live API token with ID '" + id + "' of yours.");
            }
            entity.revoke(now);
            AuditLog.append(em, now, by.name(), AuditActions.TOKEN_REVOKED, null, "token '" + entity.toValue().name()
                    + "' of " + entity.username(), List.of());
        });
    }

    private String hash(String token) {
        // keyed: a copy of the database alone does not let anyone test guesses
        return core.taxIds().searchHash("token:" + token);
    }
}
