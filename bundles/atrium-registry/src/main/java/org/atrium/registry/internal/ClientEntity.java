package org.atrium.registry.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.JoinColumn;
import javax.persistence.Table;
import javax.persistence.TableGenerator;
import javax.persistence.UniqueConstraint;
import javax.persistence.Version;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.Person;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.client.Spouse;
import org.atrium.api.portal.Invitation;

/**
 * A client row. The {@code *_KEY} columns hold lower-case copies for case-insensitive search and
 * sorting. {@link #emailKeys} claims the taxpayer's and spouse's emails in a table with a unique key, so
 * that no email is used by two people even when two requests race.
 */
@Entity
@Table(name = "CLIENT",
        uniqueConstraints = {
            @UniqueConstraint(name = "UQ_CLIENT_ID_KEY", columnNames = "CLIENT_ID_KEY"),
            // EclipseLink cuts constraint names to Derby's old 18 characters: this one fits
            @UniqueConstraint(name = ReferenceUpgrade.CONSTRAINT, columnNames = "REFERENCE")
        },
        indexes = {
            // sort key + tie-breaker: an ordered page is read from the index instead of sorting every row
            @Index(name = "IX_CLIENT_NAME_SORT", columnList = "NAME_KEY, CLIENT_ID_KEY"),
            @Index(name = "IX_CLIENT_EMAIL_SORT", columnList = "EMAIL_KEY, CLIENT_ID_KEY"),
            @Index(name = "IX_CLIENT_TAX_ID_HASH", columnList = "TAX_ID_HASH"),
            @Index(name = "IX_CLIENT_SPOUSE_TAX_ID_HASH", columnList = "SPOUSE_TAX_ID_HASH"),
            // the usual filters, with the default order: a filtered page is an index range, not a sort
            @Index(name = "IX_CLIENT_OFFICE_SORT", columnList = "OFFICE_LOCATION, CLIENT_ID_KEY"),
            @Index(name = "IX_CLIENT_STATUS_SORT", columnList = "STATUS, CLIENT_ID_KEY"),
            // a registration link finds its client
            @Index(name = "IX_CLIENT_INVITE_TOKEN", columnList = "INVITE_TOKEN_HASH"),
            @Index(name = "IX_CLIENT_SPOUSE_INVITE_TOKEN", columnList = "SPOUSE_INVITE_TOKEN_HASH")
        })
public class ClientEntity {

    @Id
    @TableGenerator(name = "CLIENT_PK", table = "ID_GENERATOR", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            allocationSize = 100)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "CLIENT_PK")
    @Column(name = "PK")
    private long pk;

    /**
     * The client's immutable identity (a random UUID), never reused: see Client#reference. Nullable only so
     * that it could be added to tables of earlier versions; {@link ReferenceUpgrade} fills it in.
     */
    @Column(name = "REFERENCE", length = 36, updatable = false)
    private String reference;

    @Column(name = "CLIENT_ID", nullable = false, length = 40)
    private String clientId;
    @Column(name = "CLIENT_ID_KEY", nullable = false, length = 40)
    private String clientIdKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "CLIENT_TYPE", nullable = false, length = 10)
    private ClientType type;

    @Column(name = "NAME", nullable = false, length = 200)
    private String name;
    @Column(name = "NAME_KEY", nullable = false, length = 200)
    private String nameKey;

    @Column(name = "EMAIL", nullable = false, length = 254)
    private String email;
    @Column(name = "EMAIL_KEY", nullable = false, length = 254)
    private String emailKey;

    /** Encrypted (see {@link TaxIdCipher}); never the number itself. */
    @Column(name = "TAX_ID", length = 80)
    private String taxId;
    /** Keyed hash of the number, for exact search. */
    @Column(name = "TAX_ID_HASH", length = 44)
    private String taxIdHash;
    @Column(name = "DATE_OF_BIRTH")
    private LocalDate dateOfBirth;
    @Column(name = "COUNTRY_CODE", length = 3)
    private String countryCode;
    @Column(name = "MOBILE_NUMBER", length = 15)
    private String mobileNumber;

    @Column(name = "OFFICE_LOCATION", nullable = false)
    private int officeLocation;

    @Column(name = "MARRIED_FILING_JOINTLY", nullable = false)
    private boolean marriedFilingJointly;
    @Column(name = "SPOUSE_NAME", length = 200)
    private String spouseName;
    @Column(name = "SPOUSE_NAME_KEY", length = 200)
    private String spouseNameKey;
    @Column(name = "SPOUSE_EMAIL", length = 254)
    private String spouseEmail;
    @Column(name = "SPOUSE_EMAIL_KEY", length = 254)
    private String spouseEmailKey;
    @Column(name = "SPOUSE_TAX_ID", length = 80)
    private String spouseTaxId;
    @Column(name = "SPOUSE_TAX_ID_HASH", length = 44)
    private String spouseTaxIdHash;
    @Column(name = "SPOUSE_DATE_OF_BIRTH")
    private LocalDate spouseDateOfBirth;
    @Column(name = "SPOUSE_COUNTRY_CODE", length = 3)
    private String spouseCountryCode;
    @Column(name = "SPOUSE_MOBILE_NUMBER", length = 15)
    private String spouseMobileNumber;
    @Column(name = "SPOUSE_SIGNS_FIRST", nullable = false)
    private boolean spouseSignsFirst;

    @Column(name = "PORTAL_ACCESS", nullable = false)
    private boolean portalAccess;
    @Column(name = "SMS_OTP", nullable = false)
    private boolean smsOtp;
    @Column(name = "DROP_OFF_ACCESS", nullable = false)
    private boolean dropOffAccess;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 12)
    private RegistrationStatus status;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;
    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "VERSION", nullable = false)
    private long version;

    /** SHA-256 of the taxpayer's registration token of the last onboarding email. */
    @Column(name = "INVITE_TOKEN_HASH", length = 64)
    private String inviteTokenHash;
    @Column(name = "SPOUSE_INVITE_TOKEN_HASH", length = 64)
    private String spouseInviteTokenHash;
    @Column(name = "INVITE_EXPIRES_AT")
    private Instant inviteExpiresAt;
    @Column(name = "INVITED_AT")
    private Instant invitedAt;
    @Column(name = "INVITATION_ERROR", length = 500)
    private String invitationError;
    @Column(name = "INVITATION_ERROR_AT")
    private Instant invitationErrorAt;

    /** When the taxpayer registered for the portal; cleared when their email changes. */
    @Column(name = "REGISTERED_AT")
    private Instant registeredAt;
    @Column(name = "SPOUSE_REGISTERED_AT")
    private Instant spouseRegisteredAt;
    /** Written by a bulk UPDATE: a sign-in is no edit and must not make a staff member's form stale. */
    @Column(name = "LAST_SIGN_IN_AT")
    private Instant lastSignInAt;

    /**
     * Client ID, names and emails of taxpayer and spouse, lower case, one per line: a search for part of
     * any of them is one LIKE per row instead of five. No field can contain a line break.
     */
    @Column(name = "SEARCH_TEXT", length = 1000)
    private String searchText;

    /** The import that created this client, so that reverting the import can find it. */
    @Column(name = "CREATED_BY_IMPORT", length = 64)
    private String createdByImport;

    @ElementCollection
    @CollectionTable(name = "CLIENT_EMAIL", joinColumns = @JoinColumn(name = "CLIENT_PK"),
            uniqueConstraints = @UniqueConstraint(name = "UQ_CLIENT_EMAIL", columnNames = "EMAIL_KEY"))
    @Column(name = "EMAIL_KEY", nullable = false, length = 254)
    private Set<String> emailKeys = new HashSet<>();

    /**
     * Every column of the table, in the order of {@link #columnValues()}: what an import writes with plain
     * JDBC batches (see ImportWriter). ClientEntityTest checks that it names each mapped column.
     */
    static final List<String> COLUMNS = List.of("PK", "CLIENT_ID", "CLIENT_ID_KEY", "CLIENT_TYPE", "NAME", "NAME_KEY",
            "EMAIL", "EMAIL_KEY", "TAX_ID", "TAX_ID_HASH", "DATE_OF_BIRTH", "COUNTRY_CODE", "MOBILE_NUMBER",
            "OFFICE_LOCATION", "MARRIED_FILING_JOINTLY", "SPOUSE_NAME", "SPOUSE_NAME_KEY", "SPOUSE_EMAIL",
            "SPOUSE_EMAIL_KEY", "SPOUSE_TAX_ID", "SPOUSE_TAX_ID_HASH", "SPOUSE_DATE_OF_BIRTH", "SPOUSE_COUNTRY_CODE",
            "SPOUSE_MOBILE_NUMBER", "SPOUSE_SIGNS_FIRST", "PORTAL_ACCESS", "SMS_OTP", "DROP_OFF_ACCESS", "STATUS",
            "CREATED_AT", "UPDATED_AT", "VERSION", "INVITE_TOKEN_HASH", "SPOUSE_INVITE_TOKEN_HASH",
            "INVITE_EXPIRES_AT", "INVITED_AT", "INVITATION_ERROR", "INVITATION_ERROR_AT", "SEARCH_TEXT",
            "CREATED_BY_IMPORT", "REGISTERED_AT", "SPOUSE_REGISTERED_AT", "LAST_SIGN_IN_AT", "REFERENCE");

    protected ClientEntity() {
        // for JPA
    }

    /** A new client from validated, normalized data. */
    static ClientEntity create(ClientData data, Instant now, TaxIdCipher taxIds) {
        ClientEntity entity = new ClientEntity();
        entity.portalAccess = true;
        entity.status = RegistrationStatus.PENDING;
        entity.createdAt = now;
        entity.reference = UUID.randomUUID().toString();
        entity.apply(data, now, taxIds);
        return entity;
    }

    /**
     * Copies the editable fields. A changed taxpayer email makes the client {@code PENDING} again (unless the
     * spouse has registered): what was sent to the old address must no longer reach the portal, and the new
     * address must register itself. The same goes for the spouse's email and registration.
     */
    void apply(ClientData data, Instant now, TaxIdCipher taxIds) {
        boolean spouseRegistrationLost = false;
        if (emailKey != null && !emailKey.equals(ClientRules.emailKey(data.email()))) {
            // a registered spouse keeps the client registered; the new address must register again
            status = spouseRegisteredAt != null ? RegistrationStatus.REGISTERED : RegistrationStatus.PENDING;
            inviteTokenHash = null;
            invitationError = null;
            invitationErrorAt = null;
            registeredAt = null;
        }
        Spouse newSpouse = data.marriedFilingJointly() ? data.spouse() : null;
        if (spouseEmailKey != null && (newSpouse == null
                || !spouseEmailKey.equals(ClientRules.emailKey(newSpouse.email())))) {
            spouseInviteTokenHash = null; // the spouse's link went to an address that is no longer theirs
            if (spouseRegisteredAt != null) {
                spouseRegisteredAt = null;
                spouseRegistrationLost = true;
            }
        }
        if (spouseRegistrationLost && status == RegistrationStatus.REGISTERED && registeredAt == null) {
            status = inviteTokenHash != null || spouseInviteTokenHash != null ? RegistrationStatus.INVITED
                    : RegistrationStatus.PENDING;
        }
        clientId = data.clientId();
        clientIdKey = lower(clientId);
        type = data.type();
        name = data.name();
        nameKey = lower(name);
        email = data.email();
        emailKey = ClientRules.emailKey(email);
        taxId = taxIds.encrypt(data.taxId());
        taxIdHash = taxIds.searchHash(data.taxId());
        dateOfBirth = data.dateOfBirth();
        countryCode = data.countryCode();
        mobileNumber = data.mobileNumber();
        officeLocation = data.officeLocation();
        marriedFilingJointly = data.marriedFilingJointly();
        Spouse spouse = marriedFilingJointly ? data.spouse() : null;
        spouseName = spouse == null ? null : spouse.name();
        spouseNameKey = lower(spouseName);
        spouseEmail = spouse == null ? null : spouse.email();
        spouseEmailKey = ClientRules.emailKey(spouseEmail);
        spouseTaxId = spouse == null ? null : taxIds.encrypt(spouse.taxId());
        spouseTaxIdHash = spouse == null ? null : taxIds.searchHash(spouse.taxId());
        spouseDateOfBirth = spouse == null ? null : spouse.dateOfBirth();
        spouseCountryCode = spouse == null ? null : spouse.countryCode();
        spouseMobileNumber = spouse == null ? null : spouse.mobileNumber();
        spouseSignsFirst = marriedFilingJointly && data.spouseSignsFirst();
        if (data.portalAccess() != null) {
            portalAccess = data.portalAccess();
        }
        if (data.smsOtp() != null) {
            smsOtp = data.smsOtp();
        }
        if (data.dropOffAccess() != null) {
            dropOffAccess = data.dropOffAccess();
        }
        claimEmails();
        refreshSearchText();
        updatedAt = now;
    }

    /**
     * Brings a row written by an earlier version up to date: tax IDs stored in plain text (before
     * encryption) are encrypted and hashed, and the search text is filled in.
     */
    void upgrade(TaxIdCipher taxIds) {
        if (taxId != null && taxIdHash == null) {
            taxIdHash = taxIds.searchHash(taxId);
            taxId = taxIds.encrypt(taxId);
        }
        if (spouseTaxId != null && spouseTaxIdHash == null) {
            spouseTaxIdHash = taxIds.searchHash(spouseTaxId);
            spouseTaxId = taxIds.encrypt(spouseTaxId);
        }
        refreshSearchText();
    }

    /** The taxpayer's and spouse's emails are claimed, and no others. */
    private void claimEmails() {
        Set<String> claimed = claimedEmailKeys();
        emailKeys.retainAll(claimed);
        emailKeys.addAll(claimed);
    }

    private void refreshSearchText() {
        StringJoiner text = new StringJoiner("\n");
        for (String part : new String[] {clientIdKey, nameKey, emailKey, spouseNameKey, spouseEmailKey}) {
            if (part != null) {
                text.add(part);
            }
        }
        searchText = text.toString();
    }

    Client toValue(TaxIdCipher taxIds) {
        Spouse spouse = marriedFilingJointly ? new Spouse(spouseName, spouseEmail, taxIds.decrypt(spouseTaxId),
                spouseDateOfBirth, spouseCountryCode, spouseMobileNumber) : null;
        return new Client(clientId, type, name, email, taxIds.decrypt(taxId), dateOfBirth, countryCode, mobileNumber, officeLocation,
                marriedFilingJointly, spouse, spouseSignsFirst, portalAccess, smsOtp, dropOffAccess, status, createdAt,
                updatedAt, version, invitedAt, inviteExpiresAt, invitationError, invitationErrorAt, registeredAt,
                spouseRegisteredAt, lastSignInAt, reference);
    }

    /**
     * The fields {@link #valueOf} needs, as a JPQL select list over {@code c}: reading them is about a third
     * cheaper than loading entities (no entity, cache or change tracking work; fewer columns decoded), which
     * is what exports of the whole register spend their time on.
     */
    static final List<String> VALUE_FIELDS = List.of("clientId", "type", "name", "email", "taxId", "dateOfBirth",
            "countryCode", "mobileNumber", "officeLocation", "marriedFilingJointly", "spouseName", "spouseEmail",
            "spouseTaxId", "spouseDateOfBirth", "spouseCountryCode", "spouseMobileNumber", "spouseSignsFirst",
            "portalAccess", "smsOtp", "dropOffAccess", "status", "createdAt", "updatedAt", "version", "invitedAt",
            "inviteExpiresAt", "invitationError", "invitationErrorAt", "registeredAt", "spouseRegisteredAt",
            "lastSignInAt", "reference");

    /** The same as {@link #toValue} from a row of {@link #VALUE_FIELDS} (anything after them is ignored). */
    static Client valueOf(Object[] row, TaxIdCipher taxIds) {
        boolean couple = (Boolean) row[9];
        Spouse spouse = couple ? new Spouse((String) row[10], (String) row[11], taxIds.decrypt((String) row[12]),
                (LocalDate) row[13], (String) row[14], (String) row[15]) : null;
        return new Client((String) row[0], (ClientType) row[1], (String) row[2], (String) row[3],
                taxIds.decrypt((String) row[4]), (LocalDate) row[5], (String) row[6], (String) row[7], (Integer) row[8],
                couple, spouse, (Boolean) row[16], (Boolean) row[17], (Boolean) row[18], (Boolean) row[19],
                (RegistrationStatus) row[20], (Instant) row[21], (Instant) row[22], (Long) row[23], (Instant) row[24],
                (Instant) row[25], (String) row[26], (Instant) row[27], (Instant) row[28], (Instant) row[29],
                (Instant) row[30], (String) row[31]);
    }

    /** A new client made by an import, with its key taken from a block the import reserved. */
    static ClientEntity imported(ClientData data, Instant now, TaxIdCipher taxIds, String importId, long pk) {
        ClientEntity entity = create(data, now, taxIds);
        entity.createdByImport = importId;
        entity.pk = pk;
        entity.version = 1; // what JPA gives a new row
        return entity;
    }

    /**
     * Overwrites a client read for an import, as {@link #apply} does, without loading its email claims:
     * the import replaces them in the table itself ({@link #claimedEmailKeys()}). The version is the one
     * the import's UPDATE writes.
     */
    void overwriteByImport(ClientData data, Instant now, TaxIdCipher taxIds) {
        emailKeys = new HashSet<>();
        apply(data, now, taxIds);
        version++;
    }

    /** Puts back a {@link #snapshot} for a revert, as {@link #overwriteByImport} overwrites. */
    void restoreByRevert(String snapshot) {
        emailKeys = new HashSet<>();
        restore(snapshot);
        version++;
    }

    /** The values of {@link #COLUMNS}, in order, as JDBC takes them. */
    Object[] columnValues() {
        return new Object[] {pk, clientId, clientIdKey, type.name(), name, nameKey, email, emailKey, taxId, taxIdHash,
            date(dateOfBirth), countryCode, mobileNumber, officeLocation, marriedFilingJointly, spouseName,
            spouseNameKey, spouseEmail, spouseEmailKey, spouseTaxId, spouseTaxIdHash, date(spouseDateOfBirth),
            spouseCountryCode, spouseMobileNumber, spouseSignsFirst, portalAccess, smsOtp, dropOffAccess,
            status.name(), timestamp(createdAt), timestamp(updatedAt), version, inviteTokenHash, spouseInviteTokenHash,
            timestamp(inviteExpiresAt), timestamp(invitedAt), invitationError, timestamp(invitationErrorAt),
            searchText, createdByImport, timestamp(registeredAt), timestamp(spouseRegisteredAt),
            timestamp(lastSignInAt), reference};
    }

    /** The emails this client claims in CLIENT_EMAIL: the taxpayer's and the spouse's. */
    Set<String> claimedEmailKeys() {
        Set<String> claimed = new HashSet<>();
        claimed.add(emailKey);
        if (spouseEmailKey != null) {
            claimed.add(spouseEmailKey);
        }
        return claimed;
    }

    private static java.sql.Date date(LocalDate date) {
        return date == null ? null : java.sql.Date.valueOf(date);
    }

    private static java.sql.Timestamp timestamp(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }

    /**
     * Every stored value that a client update can change, as one text (tax IDs stay encrypted), for
     * {@link #restore} to put back when an import is reverted.
     */
    String snapshot() {
        return Snapshot.write(clientId, type.name(), name, email, taxId, taxIdHash, text(dateOfBirth), countryCode,
                mobileNumber, String.valueOf(officeLocation), String.valueOf(marriedFilingJointly), spouseName,
                spouseEmail, spouseTaxId, spouseTaxIdHash, text(spouseDateOfBirth), spouseCountryCode,
                spouseMobileNumber, String.valueOf(spouseSignsFirst), String.valueOf(portalAccess),
                String.valueOf(smsOtp), String.valueOf(dropOffAccess), status.name(), text(updatedAt), inviteTokenHash,
                spouseInviteTokenHash, text(inviteExpiresAt), text(invitedAt), invitationError,
                text(invitationErrorAt), text(registeredAt), text(spouseRegisteredAt));
    }

    /** Puts back the values of a {@link #snapshot}. */
    void restore(String snapshot) {
        Snapshot.Reader values = Snapshot.read(snapshot);
        clientId = values.next();
        clientIdKey = lower(clientId);
        type = ClientType.valueOf(values.next());
        name = values.next();
        nameKey = lower(name);
        email = values.next();
        emailKey = ClientRules.emailKey(email);
        taxId = values.next();
        taxIdHash = values.next();
        dateOfBirth = values.date();
        countryCode = values.next();
        mobileNumber = values.next();
        officeLocation = Integer.parseInt(values.next());
        marriedFilingJointly = Boolean.parseBoolean(values.next());
        spouseName = values.next();
        spouseNameKey = lower(spouseName);
        spouseEmail = values.next();
        spouseEmailKey = ClientRules.emailKey(spouseEmail);
        spouseTaxId = values.next();
        spouseTaxIdHash = values.next();
        spouseDateOfBirth = values.date();
        spouseCountryCode = values.next();
        spouseMobileNumber = values.next();
        spouseSignsFirst = Boolean.parseBoolean(values.next());
        portalAccess = Boolean.parseBoolean(values.next());
        smsOtp = Boolean.parseBoolean(values.next());
        dropOffAccess = Boolean.parseBoolean(values.next());
        status = RegistrationStatus.valueOf(values.next());
        updatedAt = values.instant();
        inviteTokenHash = values.next();
        spouseInviteTokenHash = values.next();
        inviteExpiresAt = values.instant();
        invitedAt = values.instant();
        invitationError = values.next();
        invitationErrorAt = values.instant();
        if (values.hasNext()) { // snapshots taken before the portal existed end here
            registeredAt = values.instant();
            spouseRegisteredAt = values.instant();
        }
        claimEmails();
        refreshSearchText();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** See {@link org.atrium.api.client.ClientRegister#recordInvitation}. */
    void invited(Invitation invitation, Instant now) {
        inviteTokenHash = invitation.taxpayerTokenHash();
        spouseInviteTokenHash = marriedFilingJointly ? invitation.spouseTokenHash() : null;
        inviteExpiresAt = invitation.expiresAt();
        invitedAt = now;
        invitationError = null;
        invitationErrorAt = null;
        if (status == RegistrationStatus.PENDING) {
            status = RegistrationStatus.INVITED;
        }
        updatedAt = now;
    }

    /** The person's registration with their link: see ClientRegister#registerPerson. */
    void registered(Person person, Instant now) {
        if (person == Person.TAXPAYER) {
            registeredAt = now;
        } else {
            spouseRegisteredAt = now;
        }
        status = RegistrationStatus.REGISTERED;
        updatedAt = now;
    }

    /** Which person's link has this token hash; empty if none. */
    Optional<Person> personOfToken(String tokenHash) {
        if (tokenHash.equals(inviteTokenHash)) {
            return Optional.of(Person.TAXPAYER);
        }
        if (marriedFilingJointly && tokenHash.equals(spouseInviteTokenHash)) {
            return Optional.of(Person.SPOUSE);
        }
        return Optional.empty();
    }

    Instant registeredAt(Person person) {
        return person == Person.TAXPAYER ? registeredAt : spouseRegisteredAt;
    }

    Instant inviteExpiresAt() {
        return inviteExpiresAt;
    }

    void invitationFailed(String error, Instant now) {
        invitationError = AuditLog.cut(error, 500);
        invitationErrorAt = now;
    }

    boolean portalAccess() {
        return portalAccess;
    }

    String reference() {
        return reference;
    }

    long pk() {
        return pk;
    }

    long version() {
        return version;
    }

    String clientId() {
        return clientId;
    }

    String clientIdKey() {
        return clientIdKey;
    }

    boolean smsOtp() {
        return smsOtp;
    }

    String countryCode() {
        return countryCode;
    }

    String mobileNumber() {
        return mobileNumber;
    }

    int officeLocation() {
        return officeLocation;
    }

    void setPortalAccess(boolean enabled, Instant now) {
        portalAccess = enabled;
        updatedAt = now;
    }

    void setSmsOtp(boolean enabled, Instant now) {
        smsOtp = enabled;
        updatedAt = now;
    }

    void setDropOffAccess(boolean enabled, Instant now) {
        dropOffAccess = enabled;
        updatedAt = now;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
