package org.atrium.registry.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import javax.persistence.Column;
import javax.persistence.Embeddable;

/**
 * The columns of one person of a client, the taxpayer or the spouse of a couple filing jointly: the same set
 * twice in the CLIENT table, the spouse's with the prefix {@code SPOUSE_} (see ClientEntity). The
 * {@code *_KEY} columns hold lower-case copies for case-insensitive search and sorting.
 */
@Embeddable
public class PersonColumns {

    @Column(name = "NAME", length = 200)
    String name;
    @Column(name = "NAME_KEY", length = 200)
    String nameKey;
    @Column(name = "EMAIL", length = 254)
    String email;
    @Column(name = "EMAIL_KEY", length = 254)
    String emailKey;
    /** Encrypted (see {@link TaxIdCipher}); never the number itself. */
    @Column(name = "TAX_ID", length = 80)
    String taxId;
    /** Keyed hash of the number, for exact search. */
    @Column(name = "TAX_ID_HASH", length = 44)
    String taxIdHash;
    @Column(name = "DATE_OF_BIRTH")
    LocalDate dateOfBirth;
    @Column(name = "COUNTRY_CODE", length = 3)
    String countryCode;
    @Column(name = "MOBILE_NUMBER", length = 15)
    String mobileNumber;
    /** SHA-256 of the registration token of this person's link in the last onboarding email. */
    @Column(name = "INVITE_TOKEN_HASH", length = 64)
    String inviteTokenHash;
    /** When this person registered for the portal; cleared when their email changes. */
    @Column(name = "REGISTERED_AT")
    Instant registeredAt;

    /** The person's details as given (normalized): tax ID encrypted and hashed, keys in lower case. */
    void set(String newName, String newEmail, String newTaxId, LocalDate newDateOfBirth, String newCountryCode,
            String newMobileNumber, TaxIdCipher taxIds) {
        name = newName;
        email = newEmail;
        taxId = taxIds.encrypt(newTaxId);
        taxIdHash = taxIds.searchHash(newTaxId);
        dateOfBirth = newDateOfBirth;
        countryCode = newCountryCode;
        mobileNumber = newMobileNumber;
        refreshKeys();
    }

    /** The lower-case copies, from the values. */
    void refreshKeys() {
        nameKey = name == null ? null : name.toLowerCase(Locale.ROOT);
        emailKey = ClientRules.emailKey(email);
    }

    /** A number stored in plain text by a version before encryption is encrypted and hashed. */
    void encryptPlainTaxId(TaxIdCipher taxIds) {
        if (taxId != null && taxIdHash == null) {
            taxIdHash = taxIds.searchHash(taxId);
            taxId = taxIds.encrypt(taxId);
        }
    }
}
