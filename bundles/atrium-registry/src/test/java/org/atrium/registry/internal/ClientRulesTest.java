package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.Spouse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class ClientRulesTest {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    /** A valid individual; tests change one thing at a time. */
    public static Builder individual() {
        return new Builder();
    }

    public static Spouse spouse(String email) {
        return new Spouse("Bob Smith", email, "987654321", LocalDate.of(1979, 2, 3), "1", "5559876543");
    }

    static List<FieldError> check(Builder b) {
        return ClientRules.check(ClientRules.normalize(b.build()), TODAY);
    }

    static void assertOnly(List<FieldError> errors, String field) {
        assertEquals(1, errors.size(), () -> "expected one error for " + field + " but got " + errors);
        assertEquals(field, errors.get(0).field());
        assertFalse(errors.get(0).message().isBlank());
    }

    @Test
    void acceptsAValidIndividual() {
        assertEquals(List.of(), check(individual()));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void refusesClientIdsThatAUrlResolvesAway(String clientId) {
        assertOnly(check(individual().clientId(clientId)), "clientId");
    }

    @Test
    void refusesBrokenUnicodeInIdsAndNames() {
        assertOnly(check(individual().clientId("A\ud800B")), "clientId");
        assertOnly(check(individual().name("Ann \udc00Smith")), "name");
        assertEquals(List.of(), check(individual().name("Ann \ud83d\ude00 Smith")), "a whole pair is a character");
    }

    @Test
    void clientIdsThatLookAlikeHaveOneKey() {
        assertEquals(ClientRules.clientIdKey("ID-1"), ClientRules.clientIdKey("\u0130D-1"), "dotted capital I");
        assertEquals(ClientRules.clientIdKey("STRASSE"), ClientRules.clientIdKey("stra\u00dfe"), "sharp s");
        assertEquals(ClientRules.clientIdKey("caf\u00e9"), ClientRules.clientIdKey("cafe\u0301"), "composed or not");
        assertEquals(ClientRules.clientIdKey("ABC1"), ClientRules.clientIdKey("\uff21\uff22\uff23\uff11"),
                "full-width letters");
        assertEquals("000123", ClientRules.clientIdKey("000123"));
    }

    @Test
    void storesTextComposed() {
        assertEquals("Jos\u00e9", ClientRules.normalize(individual().name("Jose\u0301").build()).name());
    }

    @Test
    void acceptsAMinimalClientWithOnlyTheRequiredFields() {
        assertEquals(List.of(), check(individual().taxId(null).dob(null).phone(null, null)));
    }

    @Test
    void acceptsAValidMarriedFilingJointlyCouple() {
        assertEquals(List.of(), check(individual().mfj(spouse("bob@example.com")).spouseSignsFirst(true)));
    }

    @Test
    void acceptsAValidEntity() {
        assertEquals(List.of(), check(individual().type(ClientType.ENTITY).dob(null)));
    }

    @Nested
    class RequiredFields {
        @Test
        public void clientId() {
            assertOnly(check(individual().clientId(null)), "clientId");
            assertOnly(check(individual().clientId("   ")), "clientId");
        }

        @Test
        void type() {
            assertOnly(check(individual().type(null)), "type");
        }

        @Test
        public void name() {
            assertOnly(check(individual().name(null)), "name");
            assertOnly(check(individual().name(" ")), "name");
        }

        @Test
        public void email() {
            assertOnly(check(individual().email(null)), "email");
            assertOnly(check(individual().email("")), "email");
        }

        @Test
        void officeLocation() {
            assertOnly(check(individual().office(null)), "officeLocation");
        }

        @Test
        void allMissingAreAllReported() {
            List<FieldError> errors = ClientRules.check(new ClientData(null, null, null, null, null, null, null, null,
                    null, false, null, false, null, null, null), TODAY);
            assertEquals(List.of("clientId", "type", "name", "email", "officeLocation"),
                    errors.stream().map(FieldError::field).toList());
        }
    }

    @Nested
    class ClientId {
        @Test
        void keepsLeadingZeros() {
            assertEquals("000123", ClientRules.normalize(individual().clientId("000123").build()).clientId());
            assertEquals(List.of(), check(individual().clientId("000123")));
        }

        @Test
        void fortyCharactersAreEnoughFortyOneTooMany() {
            assertEquals(List.of(), check(individual().clientId("A".repeat(40))));
            assertOnly(check(individual().clientId("A".repeat(41))), "clientId");
        }

        @ParameterizedTest
        @ValueSource(strings = {" 123", "123 ", "12/3", "12\\3", "12\t3", "12\n3"})
        void rejectsSurroundingSpacesSlashesAndControlCharacters(String clientId) {
            assertOnly(check(individual().clientId(clientId)), "clientId");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SMITH-J", "A.100_2", "Ünal 7", "1"})
        void acceptsOrdinaryText(String clientId) {
            assertEquals(List.of(), check(individual().clientId(clientId)));
        }
    }

    @Nested
    class Texts {
        @Test
        void nameAtMost200Characters() {
            assertEquals(List.of(), check(individual().name("N".repeat(200))));
            assertOnly(check(individual().name("N".repeat(201))), "name");
        }

        @Test
        void nameWithoutControlCharacters() {
            assertOnly(check(individual().name("Ann\u0000Smith")), "name");
        }

        @Test
        void namesAndEmailsAreStripped() {
            ClientData data = ClientRules.normalize(individual().name("  Ann  ").email(" ann@example.com ").build());
            assertEquals("Ann", data.name());
            assertEquals("ann@example.com", data.email());
        }
    }

    @Nested
    class Emails {
        @ParameterizedTest
        @ValueSource(strings = {"ann", "ann@", "@example.com", "ann@example", "ann@@example.com", "ann smith@example.com",
            "ann..smith@example.com", "ann@example..com", "ann@-example.com", "ann@example.com."})
        void rejectsMalformedAddresses(String email) {
            assertOnly(check(individual().email(email)), "email");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ann@example.com", "Ann.Smith+tax@mail.example.co.uk", "o'brien@example.org"})
        void acceptsRealAddresses(String email) {
            assertEquals(List.of(), check(individual().email(email)));
        }

        @Test
        void atMost254Characters() {
            String local = "a".repeat(64);
            String longest = local + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".com";
            assertTrue(longest.length() <= 254);
            assertEquals(List.of(), check(individual().email(longest)));
            String tooLong = local + "@" + ("e".repeat(60) + ".").repeat(4) + "com";
            assertTrue(tooLong.length() > 254);
            assertOnly(check(individual().email(tooLong)), "email");
        }

        @Test
        void emailKeyIgnoresCase() {
            assertEquals("ann@example.com", ClientRules.emailKey(" Ann@Example.COM"));
        }
    }

    @Nested
    class TaxIds {
        @ParameterizedTest
        @ValueSource(strings = {"12345678", "1234567890", "123-45-6789", "12-3456789", "12345678a", "１２３４５６７８９"})
        void mustBeExactlyNineDigits(String taxId) {
            assertOnly(check(individual().taxId(taxId)), "taxId");
        }

        @Test
        void blankMeansNone() {
            assertNull(ClientRules.normalize(individual().taxId("  ").build()).taxId());
            assertEquals(List.of(), check(individual().taxId("")));
        }

        @Test
        void leadingZerosAreDigitsToo() {
            assertEquals(List.of(), check(individual().taxId("001234567")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"000000000", "000123456", "666123456", "123004567", "123450000", "912345678",
            "900894567", "999934567"})
        void numbersTheSsaNeverIssuesAreNoSsn(String ssn) {
            assertOnly(check(individual().taxId(ssn)), "taxId");
            Spouse bob = spouse("bob@example.com");
            Spouse withThatNumber = new Spouse(bob.name(), bob.email(), ssn, bob.dateOfBirth(), bob.countryCode(),
                    bob.mobileNumber());
            assertOnly(check(individual().mfj(withThatNumber)), "spouse.taxId");
        }

        @ParameterizedTest
        @ValueSource(strings = {"912501234", "900651234", "987701234", "999881234", "900901234", "900921234",
            "900941234", "900991234"})
        void itinsAreAcceptedForIndividuals(String itin) {
            assertEquals(List.of(), check(individual().taxId(itin)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"001234567", "071234567", "171234567", "491234567", "891234567", "971234567"})
        void anEinNeedsAPrefixTheIrsAssigns(String ein) {
            assertOnly(check(individual().type(ClientType.ENTITY).dob(null).taxId(ein)), "taxId");
        }

        @Test
        void einsWithAssignedPrefixesAreAccepted() {
            for (String ein : List.of("011234567", "121234567", "451234567", "931234567", "981234567")) {
                assertEquals(List.of(), check(individual().type(ClientType.ENTITY).dob(null).taxId(ein)), ein);
            }
        }

        @Test
        void theMessageDoesNotRepeatTheNumber() {
            String message = check(individual().taxId("666123456")).get(0).message();
            assertFalse(message.contains("666123456"), message);
        }
    }

    @Nested
    class BirthDates {
        @Test
        void mustBeInThePast() {
            assertOnly(check(individual().dob(TODAY)), "dateOfBirth");
            assertOnly(check(individual().dob(TODAY.plusDays(1))), "dateOfBirth");
            assertEquals(List.of(), check(individual().dob(TODAY.minusDays(1))));
        }

        @Test
        void notBefore1900() {
            assertOnly(check(individual().dob(LocalDate.of(1899, 12, 31))), "dateOfBirth");
            assertEquals(List.of(), check(individual().dob(LocalDate.of(1900, 1, 1))));
        }
    }

    @Nested
    class Phones {
        @ParameterizedTest
        @ValueSource(strings = {"1234", "+1", "1a", "-1"})
        void countryCodeIsOneToThreeDigits(String countryCode) {
            assertOnly(check(individual().phone(countryCode, "5551234567")), "countryCode");
        }

        @ParameterizedTest
        @ValueSource(strings = {"123", "1234567890123456", "555-1234", "(555)1234567", "555 123 4567"})
        void mobileIsFourToFifteenDigits(String mobile) {
            assertOnly(check(individual().phone("1", mobile)), "mobileNumber");
        }

        @Test
        void boundsAreInclusive() {
            assertEquals(List.of(), check(individual().phone("1", "1234")));
            assertEquals(List.of(), check(individual().phone("123", "123456789012345")));
        }
    }

    @Test
    void officeLocationMustBePositive() {
        assertOnly(check(individual().office(0)), "officeLocation");
        assertOnly(check(individual().office(-3)), "officeLocation");
    }

    @Nested
    class SmsOtp {
        @Test
        void needsAMobileNumberWithCountryCode() {
            assertOnly(check(individual().phone(null, null).smsOtp(true)), "smsOtp");
            assertOnly(check(individual().phone(null, "5551234567").smsOtp(true)), "smsOtp");
            assertEquals(List.of(), check(individual().smsOtp(true)));
        }
    }

    @Nested
    class MarriedFilingJointly {
        @Test
        void onlyForIndividuals() {
            assertOnly(check(individual().type(ClientType.ENTITY).dob(null).mfj(spouse("bob@example.com"))),
                    "marriedFilingJointly");
        }

        @Test
        void needsSpouseNameAndEmail() {
            List<FieldError> errors = check(individual().mfj(null));
            assertEquals(List.of("spouse.name", "spouse.email"), errors.stream().map(FieldError::field).toList());
            assertOnly(check(individual().mfj(new Spouse(null, "bob@example.com", null, null, null, null))),
                    "spouse.name");
            assertOnly(check(individual().mfj(new Spouse("Bob", " ", null, null, null, null))), "spouse.email");
        }

        @Test
        void spouseEmailMustDifferFromTaxpayersIgnoringCase() {
            assertOnly(check(individual().email("ann@example.com").mfj(spouse("ANN@example.com"))), "spouse.email");
        }

        @Test
        void spouseFieldsFollowTheSameRules() {
            Spouse bad = new Spouse("Bob", "bob@", "98765", TODAY.plusDays(3), "1234", "12");
            List<FieldError> errors = check(individual().mfj(bad));
            assertEquals(List.of("spouse.email", "spouse.taxId", "spouse.dateOfBirth", "spouse.countryCode",
                    "spouse.mobileNumber"), errors.stream().map(FieldError::field).toList());
        }

        @Test
        void aSpouseWithoutMarriedFilingJointlyIsAnError() {
            assertOnly(check(individual().spouse(spouse("bob@example.com"))), "spouse");
        }

        @Test
        void spouseSignsFirstOnlyWithMarriedFilingJointly() {
            assertOnly(check(individual().spouseSignsFirst(true)), "spouseSignsFirst");
        }
    }

    /** Test data builder: a valid individual by default. */
    public static final class Builder {
        private String clientId = "00123";
        private ClientType type = ClientType.INDIVIDUAL;
        private String name = "Ann Smith";
        private String email = "ann@example.com";
        private String taxId = "123456789";
        private LocalDate dob = LocalDate.of(1980, 4, 15);
        private String countryCode = "1";
        private String mobile = "5551234567";
        private Integer office = 1;
        private boolean mfj;
        private Spouse spouse;
        private boolean spouseSignsFirst;
        private Boolean smsOtp;

        public Builder clientId(String v) { clientId = v; return this; }
        Builder type(ClientType v) { type = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder email(String v) { email = v; return this; }
        public Builder taxId(String v) { taxId = v; return this; }
        Builder dob(LocalDate v) { dob = v; return this; }
        public Builder phone(String cc, String m) { countryCode = cc; mobile = m; return this; }
        public Builder office(Integer v) { office = v; return this; }
        public Builder mfj(Spouse s) { mfj = true; spouse = s; return this; }
        public Builder spouse(Spouse s) { spouse = s; return this; }
        Builder spouseSignsFirst(boolean v) { spouseSignsFirst = v; return this; }
        Builder smsOtp(Boolean v) { smsOtp = v; return this; }

        public ClientData build() {
            return new ClientData(clientId, type, name, email, taxId, dob, countryCode, mobile, office, mfj, spouse,
                    spouseSignsFirst, null, smsOtp, null);
        }
    }
}
