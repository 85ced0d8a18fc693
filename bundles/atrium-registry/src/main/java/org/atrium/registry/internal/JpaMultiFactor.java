package org.atrium.registry.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.aries.jpa.template.TransactionType;
import org.apache.commons.codec.binary.Base32;
import org.atrium.api.audit.AuditActions;
import org.atrium.api.event.AtriumTopics;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.security.Actor;
import org.atrium.api.security.MfaEnrolment;
import org.atrium.api.security.MfaFactor;
import org.atrium.api.security.MultiFactor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Second factors in the "atrium" persistence unit. Secrets are encrypted with the register's key (as tax IDs
 * are), recovery codes kept as keyed hashes; nothing here logs a secret or a code.
 */
@Component(service = MultiFactor.class)
public class JpaMultiFactor implements MultiFactor {

    private static final int SECRET_BYTES = 20; // 160 bits, as RFC 4226 recommends for HMAC-SHA1
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int RECOVERY_LENGTH = 10;

    private final RegisterCore core;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public JpaMultiFactor(@Reference RegisterCore core) {
        this.core = core;
    }

    @Override
    public boolean enrolled(String username) {
        return core.jpa().txExpr(TransactionType.Supports, em -> {
            UserMfaEntity mfa = em.find(UserMfaEntity.class, username);
            return mfa != null && mfa.enrolled();
        });
    }

    @Override
    public MfaEnrolment startEnrolment(String username, String issuer) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String base32 = new Base32().encodeToString(secret).replace("=", "");
        core.jpa().tx(TransactionType.Required, em -> {
            UserMfaEntity mfa = em.find(UserMfaEntity.class, username);
            if (mfa == null) {
                mfa = new UserMfaEntity(username);
                em.persist(mfa);
            }
            mfa.pending(core.taxIds().encrypt(base32));
        });
        String label = encode(issuer) + ":" + encode(username);
        return new MfaEnrolment(base32, "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
    }

    @Override
    public List<String> confirmEnrolment(String username, String code) {
        Instant now = core.clock().instant();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            codes.add(recoveryCode());
        }
        core.jpa().tx(TransactionType.Required, em -> {
            UserMfaEntity mfa = em.find(UserMfaEntity.class, username);
            if (mfa == null || mfa.pendingSecret() == null) {
                throw new ClientValidationException(List.of(new FieldError("code",
                        "Start setting up the authenticator first (POST /api/v1/me/mfa).")));
            }
            long step = Totp.match(secretBytes(mfa.pendingSecret()), code, now, -1);
            if (step < 0) {
                throw new ClientValidationException(List.of(new FieldError("code", "The code is wrong: enter the "
                        + "6-digit code your authenticator app shows now.")));
            }
            mfa.confirm(now, step, codes.stream().map(this::hash).toList());
            AuditLog.append(em, now, username, AuditActions.MFA_ENROLLED, null, "user " + username, List.of());
        });
        return codes;
    }

    @Override
    public Optional<MfaFactor> verify(String username, String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        Instant now = core.clock().instant();
        String given = code.strip().replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
        return core.jpa().txExpr(TransactionType.Required, em -> {
            UserMfaEntity mfa = em.find(UserMfaEntity.class, username);
            if (mfa == null || !mfa.enrolled()) {
                return Optional.empty();
            }
            long step = Totp.match(secretBytes(mfa.secret()), given, now, mfa.lastStep());
            if (step >= 0) {
                mfa.used(step);
                return Optional.of(MfaFactor.TOTP);
            }
            return mfa.useRecoveryCode(hash(given)) ? Optional.of(MfaFactor.RECOVERY_CODE) : Optional.empty();
        });
    }

    @Override
    public void reset(String username, Actor by) {
        if (!by.administrator()) {
            throw new AccessDeniedException("Resetting two-factor sign-in is for system administrators only.");
        }
        core.jpa().tx(TransactionType.Required, em -> {
            UserMfaEntity mfa = em.find(UserMfaEntity.class, username);
            if (mfa != null) {
                em.remove(mfa);
            }
            AuditLog.append(em, core.clock().instant(), by.name(), AuditActions.MFA_RESET, null, "user " + username,
                    List.of());
        });
        // after the commit: the REST bundle ends the user's sessions, also for a reset at the console
        core.events().user(AtriumTopics.USER_MFA_RESET, username);
    }

    private byte[] secretBytes(String encrypted) {
        return new Base32().decode(core.taxIds().decrypt(encrypted));
    }

    private String hash(String recoveryCode) {
        // keyed: a copy of the database alone does not let anyone try codes offline
        return core.taxIds().searchHash("recovery:" + recoveryCode);
    }

    private String recoveryCode() {
        StringBuilder code = new StringBuilder(RECOVERY_LENGTH);
        for (int i = 0; i < RECOVERY_LENGTH; i++) {
            code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
