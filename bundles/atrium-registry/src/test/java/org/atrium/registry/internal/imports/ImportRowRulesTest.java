package org.atrium.registry.internal.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.FieldError;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.ClientRules;
import org.atrium.registry.internal.ClientRulesTest;
import org.junit.jupiter.api.Test;

/** The rules of an import row beyond {@link ClientRules} (tested in ClientRulesTest), with their exact text. */
class ImportRowRulesTest {

    static final Set<Integer> OFFICES = Set.of(1, 2);

    static ImportRowRules rules(Actor actor) {
        return new ImportRowRules(actor, OFFICES, ClientRulesTest.TODAY, office -> "no access to " + office,
                data -> java.util.List.of());
    }

    static ClientData row(ClientRulesTest.Builder builder) {
        return ClientRules.normalize(builder.build());
    }

    static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).toList();
    }

    @Test
    void aValidNewRowPasses() {
        assertEquals(List.of(), rules(Actor.SYSTEM).check(2, row(ClientRulesTest.individual()), null, Map.of()));
    }

    @Test
    void aClientIdOnTwoRowsNamesTheFirstRegardlessOfCase() {
        ImportRowRules rules = rules(Actor.SYSTEM);
        rules.check(2, row(ClientRulesTest.individual().clientId("ab01").email("a@example.com")), null, Map.of());

        List<FieldError> errors = rules.check(7, row(ClientRulesTest.individual().clientId("AB01")
                .email("b@example.com")), null, Map.of());

        assertEquals(List.of("clientId: Client ID 'AB01' is also on row 2: a client may appear only once in a file."),
                messages(errors));
    }

    @Test
    void anEmailOnTwoRowsIsRefusedAlsoAsAnotherRowsSpouse() {
        ImportRowRules rules = rules(Actor.SYSTEM);
        rules.check(2, row(ClientRulesTest.individual().clientId("1").email("ann@example.com")
                .mfj(ClientRulesTest.spouse("bob@example.com"))), null, Map.of());

        List<FieldError> taxpayer = rules.check(3, row(ClientRulesTest.individual().clientId("2")
                .email("Bob@Example.com")), null, Map.of());
        List<FieldError> spouse = rules.check(4, row(ClientRulesTest.individual().clientId("3")
                .email("cat@example.com").mfj(ClientRulesTest.spouse("ann@example.com"))), null, Map.of());

        assertEquals(List.of("email: Email address 'bob@example.com' is also on row 2: an email address may belong to"
                + " one person only."), messages(taxpayer));
        assertEquals(List.of("spouse.email: Email address 'ann@example.com' is also on row 2: an email address may "
                + "belong to one person only."), messages(spouse));
    }

    @Test
    void taxpayerAndSpouseEmailsMustDiffer() {
        List<FieldError> errors = rules(Actor.SYSTEM).check(2, row(ClientRulesTest.individual()
                .email("ann@example.com").mfj(ClientRulesTest.spouse("ANN@example.com"))), null, Map.of());

        assertEquals(List.of("spouse.email: Spouse email must differ from the taxpayer's email."), messages(errors));
    }

    @Test
    void anEmailOfAnotherExistingClientIsRefusedButAClientKeepsItsOwn() {
        Map<String, Long> owners = Map.of("ann@example.com", 41L);

        List<FieldError> other = rules(Actor.SYSTEM).check(2, row(ClientRulesTest.individual()), null, owners);
        List<FieldError> own = rules(Actor.SYSTEM).check(2, row(ClientRulesTest.individual()),
                new ImportRowRules.Existing(41, 1, false, null, null), owners);

        assertEquals(List.of("email: This email address is already used by another client or spouse."),
                messages(other));
        assertEquals(List.of(), own);
    }

    @Test
    void theOfficeMustExistAndBeHeldByTheUploader() {
        Actor staff = Actor.staff("sam", Set.of(2));

        assertEquals(List.of("officeLocation: Office location 9 does not exist."),
                messages(rules(staff).check(2, row(ClientRulesTest.individual().office(9)), null, Map.of())));
        assertEquals(List.of("officeLocation: no access to 1"),
                messages(rules(staff).check(2, row(ClientRulesTest.individual().office(1)), null, Map.of())));
        assertEquals(List.of(), rules(staff).check(2, row(ClientRulesTest.individual().office(2)), null, Map.of()));
    }

    @Test
    void aClientOfAnOfficeTheUploaderDoesNotHoldIsTakenNotShown() {
        Actor staff = Actor.staff("sam", Set.of(2));

        List<FieldError> errors = rules(staff).check(2, row(ClientRulesTest.individual().office(2)),
                new ImportRowRules.Existing(41, 1, false, null, null), Map.of());

        assertEquals(List.of("clientId: Client ID '00123' is already in use."), messages(errors));
    }

    @Test
    void aClientWithSmsOtpOnKeepsAMobileNumber() {
        List<FieldError> errors = rules(Actor.SYSTEM).check(2, row(ClientRulesTest.individual().phone(null, null)),
                new ImportRowRules.Existing(41, 1, true, null, null), Map.of());

        assertEquals(List.of("smsOtp: " + ClientRules.smsOtpNeedsMobile().message()), messages(errors));
    }

    @Test
    void theClientRulesApplyToEveryRow() {
        List<FieldError> errors = rules(Actor.SYSTEM).check(2, row(ClientRulesTest.individual().name(" ")), null,
                Map.of());

        assertEquals(List.of("name: Name is required."), messages(errors));
    }
}
