package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientRule;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.FieldError;
import org.junit.jupiter.api.Test;

class ContributedRulesTest {

    private static final ClientData CLIENT = new ClientData("A-1", ClientType.INDIVIDUAL, "Ann Smith", "ann@example.com",
            null, null, null, null, 1, false, null, false, true, false, false);
    private static final ClientRule SIX_DIGITS = client -> client.clientId().matches("\\d{6}") ? List.of()
            : List.of(new FieldError("clientId", "Client IDs of our firm are 6 digits."));

    @Test
    void withoutRulesEveryClientPasses() {
        assertEquals(List.of(), new ContributedRules().check(CLIENT));
    }

    @Test
    void everyRegisteredRuleIsApplied() {
        ClientRule noExampleEmails = client -> client.email().endsWith("@example.com")
                ? List.of(new FieldError("email", "No example addresses.")) : List.of();

        List<FieldError> errors = new ContributedRules().with(List.of(SIX_DIGITS, noExampleEmails)).check(CLIENT);

        assertEquals(List.of("clientId", "email"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void aRuleThatThrowsIsSkippedAndTheOthersStillApply() {
        ClientRule broken = client -> {
            throw new IllegalStateException("the firm's rule has a bug");
        };
        ContributedRules rules = new ContributedRules().with(List.of(broken, SIX_DIGITS));

        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("clientId"), rules.check(CLIENT).stream().map(FieldError::field).toList());
        }
    }
}
