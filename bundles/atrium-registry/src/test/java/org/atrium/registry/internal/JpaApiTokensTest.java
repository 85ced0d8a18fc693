package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.security.Actor;
import org.atrium.api.security.ApiToken;
import org.atrium.api.security.CreatedToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaApiTokensTest {

    private static final Instant IN_A_MONTH = TestDatabase.CLOCK.instant().plus(Duration.ofDays(30));

    private TestDatabase database;
    private RegisterCore core;
    private JpaApiTokens tokens;

    @BeforeEach
    void freshRegister() {
        database = new TestDatabase();
        core = database.core(TestDatabase.CLOCK);
        tokens = new JpaApiTokens(core);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aTokenIsKeptOnlyAsAKeyedHashAndFoundByItself() {
        CreatedToken created = tokens.create("jane", "nightly export", IN_A_MONTH, true);
        String token = created.secret();
        assertTrue(token.matches("atr_[A-Za-z0-9_-]{43}"), token);
        String stored = core.jpa().txExpr(TransactionType.Supports, em -> (String) em.createNativeQuery(
                "SELECT TOKEN_HASH FROM API_TOKEN").getSingleResult());
        assertFalse(stored.contains(token.substring(4)), "no token in the clear");
        assertNotEquals(sha256Hex(token), stored, "keyed: a plain hash of the token is not what is kept");

        Optional<ApiToken> found = tokens.authenticate(token);
        assertEquals("jane", found.orElseThrow().username());
        assertTrue(found.get().readOnly());
        assertEquals(Optional.empty(), tokens.authenticate(token.substring(0, token.length() - 1) + "x"));
        assertEquals(Optional.empty(), tokens.authenticate("Basic amFuZTpzZWNyZXQ="));
        assertNotEquals(token, tokens.create("jane", "another", IN_A_MONTH, false).secret(), "every token new");
    }

    @Test
    void aRevokedTokenStopsAtOnceAndOnlyItsOwnerOrAnAdministratorRevokesIt() {
        CreatedToken created = tokens.create("jane", "script", IN_A_MONTH, false);
        String id = created.token().id();
        assertThrows(UnknownItemException.class, () -> tokens.revoke(id, Actor.staff("bob", java.util.Set.of(1))));
        assertTrue(tokens.authenticate(created.secret()).isPresent());
        tokens.revoke(id, Actor.staff("jane", java.util.Set.of(1)));
        assertEquals(Optional.empty(), tokens.authenticate(created.secret()));
    }

    @Test
    void aTokenLivesAtMostAYear() {
        Instant now = TestDatabase.CLOCK.instant();
        assertThrows(ClientValidationException.class, () -> tokens.create("jane", "too long", now.plus(Duration.ofDays(400)),
                false));
        assertThrows(ClientValidationException.class, () -> tokens.create("jane", "past", now.minusSeconds(1), false));
        assertThrows(ClientValidationException.class, () -> tokens.create("jane", " ", IN_A_MONTH, false));
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
