package org.atrium.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    private final PasswordRules rules = new PasswordRules();

    @Test
    void aLongUncommonPasswordIsAccepted() {
        assertEquals(List.of(), rules.problems("jane", "maple syrup on tuesdays"));
    }

    @Test
    void theShippedPasswordFailsOnLengthAndName() {
        List<String> problems = rules.problems("admin", "admin");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("at least 12 characters"), problems.toString());
        assertTrue(problems.get(1).contains("user name"), problems.toString());
    }

    @Test
    void elevenCharactersAreTooFewAndTwelveEnough() {
        assertEquals(1, rules.problems("jane", "kx8-vq2-mzp").size());
        assertEquals(List.of(), rules.problems("jane", "kx8-vq2-mzp4"));
    }

    @Test
    void theUserNameMayNotBeInThePasswordInAnyCase() {
        assertEquals(List.of("Do not use your user name in the password."),
                rules.problems("jsmith", "my name is JSmith ok"));
    }

    @Test
    void aCommonPasswordIsRefusedWhateverItsCase() {
        List<String> problems = rules.problems("jane", "QWERTY123456");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("most common passwords"), problems.toString());
        assertEquals(1, rules.problems("jane", "1qaz2wsx3edc").size());
    }

    @Test
    void hugeInputsAreRefused() {
        assertEquals(List.of("Use at most 128 characters."), rules.problems("jane", "long phrase ".repeat(11)));
    }
}
