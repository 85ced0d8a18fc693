package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import org.apache.commons.codec.binary.Base32;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.security.MfaEnrolment;
import org.atrium.api.security.MfaFactor;
import org.atrium.api.security.MultiFactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaMultiFactorTest {

    private TestDatabase database;
    private RegisterCore core;
    private JpaMultiFactor factors;

    @BeforeEach
    void freshRegister() {
        database = new TestDatabase();
        core = database.core(TestDatabase.CLOCK);
        factors = new JpaMultiFactor(core);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void tenDifferentRecoveryCodesEachWorkOnceAndAreKeptOnlyAsKeyedHashes() {
        List<String> codes = enrol("jane");
        assertEquals(MultiFactor.RECOVERY_CODES, codes.size());
        assertEquals(codes.size(), new HashSet<>(codes).size(), "all different");
        codes.forEach(code -> assertTrue(code.matches("[a-z2-9]{10}"), code));

        String stored = storedRow("jane");
        String hashes = core.jpa().txExpr(TransactionType.Supports, em -> (String) em.createNativeQuery(
                "SELECT RECOVERY_HASHES FROM USER_MFA WHERE USERNAME = 'jane'").getSingleResult());
        assertEquals(MultiFactor.RECOVERY_CODES, hashes.split(",").length, hashes);
        codes.forEach(code -> assertFalse(stored.contains(code), "no code in the clear: " + stored));

        String first = codes.get(0);
        assertEquals(Optional.of(MfaFactor.RECOVERY_CODE), factors.verify("jane", first.toUpperCase()),
                "typed in capitals, as a person may");
        assertEquals(Optional.empty(), factors.verify("jane", first), "used up");
        assertEquals(Optional.of(MfaFactor.RECOVERY_CODE), factors.verify("jane", codes.get(1)));
        assertEquals(Optional.empty(), factors.verify("bob", codes.get(2)), "another user's code is no code");
    }

    @Test
    void aNewEnrolmentReplacesTheEarlierRecoveryCodes() {
        List<String> earlier = enrol("jane");
        List<String> later = enrol("jane");
        assertEquals(Optional.empty(), factors.verify("jane", earlier.get(0)));
        assertEquals(Optional.of(MfaFactor.RECOVERY_CODE), factors.verify("jane", later.get(0)));
    }

    @Test
    void anAuthenticatorCodeWorksOnceAndAWrongOneNever() {
        MfaEnrolment enrolment = factors.startEnrolment("jane", "Smith & Co");
        assertFalse(storedRow("jane").contains(enrolment.secret()), "the secret is kept encrypted");
        assertTrue(enrolment.otpauthUri().startsWith("otpauth://totp/Smith%20%26%20Co:jane?secret="), enrolment.otpauthUri());
        assertThrows(ClientValidationException.class, () -> factors.confirmEnrolment("jane", "000000".equals(
                code(enrolment, 0)) ? "111111" : "000000"));
        assertFalse(factors.enrolled("jane"), "not before a right code");
        factors.confirmEnrolment("jane", code(enrolment, 0));
        assertTrue(factors.enrolled("jane"));
        assertEquals(Optional.empty(), factors.verify("jane", code(enrolment, 0)), "the enrolment's code is spent");
        assertEquals(Optional.of(MfaFactor.TOTP), factors.verify("jane", code(enrolment, 1)));
        assertEquals(Optional.empty(), factors.verify("jane", code(enrolment, 1)), "replayed");
    }

    private List<String> enrol(String user) {
        MfaEnrolment enrolment = factors.startEnrolment(user, "Atrium");
        return factors.confirmEnrolment(user, code(enrolment, 0));
    }

    /** What the authenticator app shows, {@code stepsAhead} time steps after the register's clock. */
    private static String code(MfaEnrolment enrolment, int stepsAhead) {
        byte[] secret = new Base32().decode(enrolment.secret());
        return Totp.code(secret, Totp.step(TestDatabase.CLOCK.instant()) + stepsAhead, Totp.DIGITS);
    }

    /** The user's row as the database holds it, its columns joined by commas. */
    private String storedRow(String user) {
        return core.jpa().txExpr(TransactionType.Supports, em -> {
            Object[] row = (Object[]) em.createNativeQuery("SELECT USERNAME, SECRET, PENDING_SECRET, LAST_STEP, "
                    + "RECOVERY_HASHES FROM USER_MFA WHERE USERNAME = ?").setParameter(1, user).getSingleResult();
            return java.util.Arrays.stream(row).map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        });
    }
}
