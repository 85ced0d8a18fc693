package org.atrium.registry.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

import javax.persistence.AttributeOverride;
import javax.persistence.AttributeOverrides;
import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Embedded;
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
 * A client row: the taxpayer's and (for a couple filing jointly) the spouse's {@link PersonColumns}, and the
 * client's own. {@link #emailKeys} claims the taxpayer's and spouse's emails in a table with a unique key, so
 * that no email is used by two people even when two requests race. {@link #COLUMNS} lists every column once,
 * in one order, with how it is written by JDBC and kept in a snapshot: imports, snapshots and restores are
 * all derived from it.
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

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "name", column = @Column(name = "NAME", nullable = false, length = 200)),
        @AttributeOverride(name = "nameKey", column = @Column(name = "NAME_KEY", nullable = false, length = 200)),
        @AttributeOverride(name = "email", column = @Column(name = "EMAIL", nullable = false, length = 254)),
        @AttributeOverride(name = "emailKey", column = @Column(name = "EMAIL_KEY", nullable = false, length = 254))
    })
    private PersonColumns taxpayer = new PersonColumns();

    @Column(name = "OFFICE_LOCATION", nullable = false)
    private int officeLocation;

    @Column(name = "MARRIED_FILING_JOINTLY", nullable = false)
    private boolean marriedFilingJointly;
    /** The spouse's columns; null (all of them empty) without a spouse. */
    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "name", column = @Column(name = "SPOUSE_NAME", length = 200)),
        @AttributeOverride(name = "nameKey", column = @Column(name = "SPOUSE_NAME_KEY", length = 200)),
        @AttributeOverride(name = "email", column = @Column(name = "SPOUSE_EMAIL", length = 254)),
        @AttributeOverride(name = "emailKey", column = @Column(name = "SPOUSE_EMAIL_KEY", length = 254)),
        @AttributeOverride(name = "taxId", column = @Column(name = "SPOUSE_TAX_ID", length = 80)),
        @AttributeOverride(name = "taxIdHash", column = @Column(name = "SPOUSE_TAX_ID_HASH", length = 44)),
        @AttributeOverride(name = "dateOfBirth", column = @Column(name = "SPOUSE_DATE_OF_BIRTH")),
        @AttributeOverride(name = "countryCode", column = @Column(name = "SPOUSE_COUNTRY_CODE", length = 3)),
        @AttributeOverride(name = "mobileNumber", column = @Column(name = "SPOUSE_MOBILE_NUMBER", length = 15)),
        @AttributeOverride(name = "inviteTokenHash", column = @Column(name = "SPOUSE_INVITE_TOKEN_HASH", length = 64)),
        @AttributeOverride(name = "registeredAt", column = @Column(name = "SPOUSE_REGISTERED_AT"))
    })
    private PersonColumns spouse;
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

    /** When the links of the last onboarding email (the taxpayer's and the spouse's) stop working. */
    @Column(name = "INVITE_EXPIRES_AT")
    private Instant inviteExpiresAt;
    @Column(name = "INVITED_AT")
    private Instant invitedAt;
    @Column(name = "INVITATION_ERROR", length = 500)
    private String invitationError;
    @Column(name = "INVITATION_ERROR_AT")
    private Instant invitationErrorAt;

    /** Written by a bulk UPDATE: a sign-in is no edit and must not make a staff member's form stale. */
    @Column(name = "LAST_SIGN_IN_AT")
    private Instant lastSignInAt;

    /**
     * The {@link #searchTerms} in one column, each after a space (see {@link SearchWords#text}): a search checks
     * each of its words with one LIKE on the row.
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

    /** The words this client is found by (see {@link SearchWords}), kept in the same transaction as the row. */
    @ElementCollection
    @CollectionTable(name = "CLIENT_TERM", joinColumns = @JoinColumn(name = "CLIENT_PK"))
    @Column(name = "TERM", nullable = false, length = SearchWords.MAX_TERM)
    private Set<String> searchTerms = new HashSet<>();

    // --- the columns, once

    /**
     * One column of CLIENT: how JDBC gets its value, and, for a value an update can change, how a snapshot
     * keeps it ({@code save}) and puts it back ({@code load}); derived and fixed columns have neither.
     */
    private record TableColumn(String name, Function<ClientEntity, Object> jdbc,
            Function<ClientEntity, String> save, BiConsumer<ClientEntity, Snapshot.Reader> load) {

        boolean snapshotted() {
            return save != null;
        }
    }

    /**
     * Every column of the table, in the order of {@link #columnValues()} (the primary key first); the ones
     * kept in a snapshot are kept in this order, which snapshots of earlier versions have too.
     */
    private static final List<TableColumn> TABLE = table();

    /** The names of {@link #TABLE}: what an import writes with plain JDBC batches (see imports.ImportWriter). */
    public static final List<String> COLUMNS = TABLE.stream().map(TableColumn::name).toList();

    private static List<TableColumn> table() {
        List<TableColumn> table = new ArrayList<>();
        table.add(fixed("PK", e -> e.pk));
        table.add(text("CLIENT_ID", e -> e.clientId, (e, v) -> e.clientId = v));
        table.add(fixed("CLIENT_ID_KEY", e -> e.clientIdKey));
        table.add(text("CLIENT_TYPE", e -> e.type.name(), (e, v) -> e.type = ClientType.valueOf(v)));
        person(table, "", e -> e.taxpayer, e -> e.taxpayer);
        table.add(text("OFFICE_LOCATION", e -> e.officeLocation, (e, v) -> e.officeLocation = Integer.parseInt(v)));
        table.add(text("MARRIED_FILING_JOINTLY", e -> e.marriedFilingJointly,
                (e, v) -> e.marriedFilingJointly = Boolean.parseBoolean(v)));
        person(table, "SPOUSE_", e -> e.spouse, ClientEntity::writableSpouse);
        table.add(text("SPOUSE_SIGNS_FIRST", e -> e.spouseSignsFirst,
                (e, v) -> e.spouseSignsFirst = Boolean.parseBoolean(v)));
        table.add(text("PORTAL_ACCESS", e -> e.portalAccess, (e, v) -> e.portalAccess = Boolean.parseBoolean(v)));
        table.add(text("SMS_OTP", e -> e.smsOtp, (e, v) -> e.smsOtp = Boolean.parseBoolean(v)));
        table.add(text("DROP_OFF_ACCESS", e -> e.dropOffAccess, (e, v) -> e.dropOffAccess = Boolean.parseBoolean(v)));
        table.add(text("STATUS", e -> e.status.name(), (e, v) -> e.status = RegistrationStatus.valueOf(v)));
        table.add(fixed("CREATED_AT", e -> timestamp(e.createdAt)));
        table.add(instant("UPDATED_AT", e -> e.updatedAt, (e, v) -> e.updatedAt = v));
        table.add(fixed("VERSION", e -> e.version));
        table.add(text("INVITE_TOKEN_HASH", e -> e.taxpayer.inviteTokenHash,
                (e, v) -> e.taxpayer.inviteTokenHash = v));
        table.add(text("SPOUSE_INVITE_TOKEN_HASH", e -> e.spouse == null ? null : e.spouse.inviteTokenHash,
                (e, v) -> e.writableSpouse().inviteTokenHash = v));
        table.add(instant("INVITE_EXPIRES_AT", e -> e.inviteExpiresAt, (e, v) -> e.inviteExpiresAt = v));
        table.add(instant("INVITED_AT", e -> e.invitedAt, (e, v) -> e.invitedAt = v));
        table.add(text("INVITATION_ERROR", e -> e.invitationError, (e, v) -> e.invitationError = v));
        table.add(instant("INVITATION_ERROR_AT", e -> e.invitationErrorAt, (e, v) -> e.invitationErrorAt = v));
        table.add(fixed("SEARCH_TEXT", e -> e.searchText));
        table.add(fixed("CREATED_BY_IMPORT", e -> e.createdByImport));
        // last in snapshots: those taken before the portal existed end before them
        table.add(instant("REGISTERED_AT", e -> e.taxpayer.registeredAt, (e, v) -> e.taxpayer.registeredAt = v));
        table.add(instant("SPOUSE_REGISTERED_AT", e -> e.spouse == null ? null : e.spouse.registeredAt,
                (e, v) -> e.writableSpouse().registeredAt = v));
        table.add(fixed("LAST_SIGN_IN_AT", e -> timestamp(e.lastSignInAt)));
        table.add(fixed("REFERENCE", e -> e.reference));
        return List.copyOf(table);
    }

    /** A person's details, the same for taxpayer and spouse but for the prefix of their columns. */
    private static void person(List<TableColumn> table, String prefix, Function<ClientEntity, PersonColumns> read,
            Function<ClientEntity, PersonColumns> write) {
        table.add(text(prefix + "NAME", e -> of(read, e, p -> p.name), (e, v) -> write.apply(e).name = v));
        table.add(fixed(prefix + "NAME_KEY", e -> of(read, e, p -> p.nameKey)));
        table.add(text(prefix + "EMAIL", e -> of(read, e, p -> p.email), (e, v) -> write.apply(e).email = v));
        table.add(fixed(prefix + "EMAIL_KEY", e -> of(read, e, p -> p.emailKey)));
        table.add(text(prefix + "TAX_ID", e -> of(read, e, p -> p.taxId), (e, v) -> write.apply(e).taxId = v));
        table.add(text(prefix + "TAX_ID_HASH", e -> of(read, e, p -> p.taxIdHash),
                (e, v) -> write.apply(e).taxIdHash = v));
        table.add(new TableColumn(prefix + "DATE_OF_BIRTH", e -> date(of(read, e, p -> p.dateOfBirth)),
                e -> text(of(read, e, p -> p.dateOfBirth)), (e, values) -> write.apply(e).dateOfBirth = values.date()));
        table.add(text(prefix + "COUNTRY_CODE", e -> of(read, e, p -> p.countryCode),
                (e, v) -> write.apply(e).countryCode = v));
        table.add(text(prefix + "MOBILE_NUMBER", e -> of(read, e, p -> p.mobileNumber),
                (e, v) -> write.apply(e).mobileNumber = v));
    }

    private static <T> T of(Function<ClientEntity, PersonColumns> person, ClientEntity entity,
            Function<PersonColumns, T> value) {
        PersonColumns columns = person.apply(entity);
        return columns == null ? null : value.apply(columns);
    }

    private static TableColumn fixed(String name, Function<ClientEntity, Object> jdbc) {
        return new TableColumn(name, jdbc, null, null);
    }

    /** A value kept in a snapshot as its text: strings, numbers, flags and enums. */
    private static TableColumn text(String name, Function<ClientEntity, Object> value,
            BiConsumer<ClientEntity, String> set) {
        return new TableColumn(name, value, e -> text(value.apply(e)), (e, values) -> set.accept(e, values.next()));
    }

    private static TableColumn instant(String name, Function<ClientEntity, Instant> value,
            BiConsumer<ClientEntity, Instant> set) {
        return new TableColumn(name, e -> timestamp(value.apply(e)), e -> text(value.apply(e)),
                (e, values) -> set.accept(e, values.instant()));
    }

    private PersonColumns writableSpouse() {
        if (spouse == null) {
            spouse = new PersonColumns();
        }
        return spouse;
    }

    protected ClientEntity() {
        // for JPA
    }

    /** A new client from validated, normalized data. */
    public static ClientEntity create(ClientData data, Instant now, TaxIdCipher taxIds) {
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
    public void apply(ClientData data, Instant now, TaxIdCipher taxIds) {
        boolean spouseRegistrationLost = false;
        if (taxpayer.emailKey != null && !taxpayer.emailKey.equals(ClientRules.emailKey(data.email()))) {
            // a registered spouse keeps the client registered; the new address must register again
            status = registeredAt(Person.SPOUSE) != null ? RegistrationStatus.REGISTERED : RegistrationStatus.PENDING;
            taxpayer.inviteTokenHash = null;
            invitationError = null;
            invitationErrorAt = null;
            taxpayer.registeredAt = null;
        }
        Spouse newSpouse = data.marriedFilingJointly() ? data.spouse() : null;
        if (spouse != null && spouse.emailKey != null && (newSpouse == null
                || !spouse.emailKey.equals(ClientRules.emailKey(newSpouse.email())))) {
            spouse.inviteTokenHash = null; // the spouse's link went to an address that is no longer theirs
            if (spouse.registeredAt != null) {
                spouse.registeredAt = null;
                spouseRegistrationLost = true;
            }
        }
        if (spouseRegistrationLost && status == RegistrationStatus.REGISTERED && taxpayer.registeredAt == null) {
            status = taxpayer.inviteTokenHash != null || (spouse != null && spouse.inviteTokenHash != null)
                    ? RegistrationStatus.INVITED : RegistrationStatus.PENDING;
        }
        clientId = data.clientId();
        clientIdKey = ClientRules.clientIdKey(clientId);
        type = data.type();
        taxpayer.set(data.name(), data.email(), data.taxId(), data.dateOfBirth(), data.countryCode(),
                data.mobileNumber(), taxIds);
        officeLocation = data.officeLocation();
        marriedFilingJointly = data.marriedFilingJointly();
        if (newSpouse == null) {
            spouse = null;
        } else {
            writableSpouse().set(newSpouse.name(), newSpouse.email(), newSpouse.taxId(), newSpouse.dateOfBirth(),
                    newSpouse.countryCode(), newSpouse.mobileNumber(), taxIds);
        }
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
     * encryption) are encrypted and hashed. (Its search words are {@link SearchWordsUpgrade}'s.)
     */
    void upgrade(TaxIdCipher taxIds) {
        taxpayer.encryptPlainTaxId(taxIds);
        if (spouse != null) {
            spouse.encryptPlainTaxId(taxIds);
        }
    }

    /** The taxpayer's and spouse's emails are claimed, and no others. */
    private void claimEmails() {
        Set<String> claimed = claimedEmailKeys();
        emailKeys.retainAll(claimed);
        emailKeys.addAll(claimed);
    }

    private void refreshSearchText() {
        Set<String> terms = searchTermsOfFields();
        searchText = SearchWords.text(terms);
        searchTerms.retainAll(terms);
        searchTerms.addAll(terms);
    }

    /** The words of the client ID, names and emails (see {@link SearchWords}): the rows of CLIENT_TERM. */
    public Set<String> searchTermsOfFields() {
        return SearchWords.terms(clientIdKey, taxpayer.nameKey, taxpayer.emailKey,
                spouse == null ? null : spouse.nameKey, spouse == null ? null : spouse.emailKey);
    }

    public Client toValue(TaxIdCipher taxIds) {
        Spouse spouseValue = marriedFilingJointly && spouse != null ? new Spouse(spouse.name, spouse.email,
                taxIds.decrypt(spouse.taxId), spouse.dateOfBirth, spouse.countryCode, spouse.mobileNumber) : null;
        return new Client(clientId, type, taxpayer.name, taxpayer.email, taxIds.decrypt(taxpayer.taxId),
                taxpayer.dateOfBirth, taxpayer.countryCode, taxpayer.mobileNumber, officeLocation, marriedFilingJointly,
                spouseValue, spouseSignsFirst, portalAccess, smsOtp, dropOffAccess, status, createdAt, updatedAt,
                version, invitedAt, inviteExpiresAt, invitationError, invitationErrorAt, taxpayer.registeredAt,
                registeredAt(Person.SPOUSE), lastSignInAt, reference);
    }

    /**
     * The fields {@link #valueOf} needs, as a JPQL select list over {@code c}: reading them is about a third
     * cheaper than loading entities (no entity, cache or change tracking work; fewer columns decoded), which
     * is what exports of the whole register spend their time on.
     */
    public static final List<String> VALUE_FIELDS = List.of("clientId", "type", "taxpayer.name", "taxpayer.email",
            "taxpayer.taxId", "taxpayer.dateOfBirth", "taxpayer.countryCode", "taxpayer.mobileNumber",
            "officeLocation", "marriedFilingJointly", "spouse.name", "spouse.email", "spouse.taxId",
            "spouse.dateOfBirth", "spouse.countryCode", "spouse.mobileNumber", "spouseSignsFirst", "portalAccess",
            "smsOtp", "dropOffAccess", "status", "createdAt", "updatedAt", "version", "invitedAt", "inviteExpiresAt",
            "invitationError", "invitationErrorAt", "taxpayer.registeredAt", "spouse.registeredAt", "lastSignInAt",
            "reference");

    /** The same as {@link #toValue} from a row of {@link #VALUE_FIELDS} (anything after them is ignored). */
    public static Client valueOf(Object[] row, TaxIdCipher taxIds) {
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
    public static ClientEntity imported(ClientData data, Instant now, TaxIdCipher taxIds, String importId, long pk) {
        ClientEntity entity = create(data, now, taxIds);
        entity.createdByImport = importId;
        entity.pk = pk;
        entity.version = 1; // what JPA gives a new row
        return entity;
    }

    /**
     * Overwrites a client read for an import, as {@link #apply} does, without loading its email claims and
     * search terms: the import replaces them in their tables itself ({@link #claimedEmailKeys()},
     * {@link #searchTermsOfFields()}). The version is the one
     * the import's UPDATE writes.
     */
    public void overwriteByImport(ClientData data, Instant now, TaxIdCipher taxIds) {
        emailKeys = new HashSet<>();
        searchTerms = new HashSet<>();
        apply(data, now, taxIds);
        version++;
    }

    /** Puts back a {@link #snapshot} for a revert, as {@link #overwriteByImport} overwrites. */
    public void restoreByRevert(String snapshot) {
        emailKeys = new HashSet<>();
        searchTerms = new HashSet<>();
        restore(snapshot);
        version++;
    }

    /** The values of {@link #COLUMNS}, in order, as JDBC takes them. */
    public Object[] columnValues() {
        return TABLE.stream().map(column -> column.jdbc().apply(this)).toArray();
    }

    /** The emails this client claims in CLIENT_EMAIL: the taxpayer's and the spouse's. */
    public Set<String> claimedEmailKeys() {
        Set<String> claimed = new HashSet<>();
        claimed.add(taxpayer.emailKey);
        if (spouse != null && spouse.emailKey != null) {
            claimed.add(spouse.emailKey);
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
    public String snapshot() {
        return Snapshot.write(TABLE.stream().filter(TableColumn::snapshotted).map(column -> column.save().apply(this))
                .toArray(String[]::new));
    }

    /** Puts back the values of a {@link #snapshot}; the lower-case keys and the claims follow from them. */
    void restore(String snapshot) {
        Snapshot.Reader values = Snapshot.read(snapshot);
        for (TableColumn column : TABLE) {
            if (column.snapshotted() && values.hasNext()) { // snapshots of earlier versions end earlier
                column.load().accept(this, values);
            }
        }
        clientIdKey = ClientRules.clientIdKey(clientId);
        taxpayer.refreshKeys();
        if (spouse != null) {
            spouse.refreshKeys();
            if (spouse.name == null && spouse.email == null && spouse.inviteTokenHash == null
                    && spouse.registeredAt == null) {
                spouse = null; // a snapshot of a client without a spouse
            }
        }
        claimEmails();
        refreshSearchText();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** See {@link org.atrium.api.portal.PortalIdentity#recordInvitation}. */
    public void invited(Invitation invitation, Instant now) {
        taxpayer.inviteTokenHash = invitation.taxpayerTokenHash();
        if (marriedFilingJointly && spouse != null) {
            spouse.inviteTokenHash = invitation.spouseTokenHash();
        }
        inviteExpiresAt = invitation.expiresAt();
        invitedAt = now;
        invitationError = null;
        invitationErrorAt = null;
        if (status == RegistrationStatus.PENDING) {
            status = RegistrationStatus.INVITED;
        }
        updatedAt = now;
    }

    /** The person's registration with their link: see PortalIdentity#registerPerson. */
    public void registered(Person person, Instant now) {
        (person == Person.TAXPAYER ? taxpayer : writableSpouse()).registeredAt = now;
        status = RegistrationStatus.REGISTERED;
        updatedAt = now;
    }

    /** Which person's link has this token hash; empty if none. */
    public Optional<Person> personOfToken(String tokenHash) {
        if (tokenHash.equals(taxpayer.inviteTokenHash)) {
            return Optional.of(Person.TAXPAYER);
        }
        if (marriedFilingJointly && spouse != null && tokenHash.equals(spouse.inviteTokenHash)) {
            return Optional.of(Person.SPOUSE);
        }
        return Optional.empty();
    }

    public Instant registeredAt(Person person) {
        PersonColumns who = person == Person.TAXPAYER ? taxpayer : spouse;
        return who == null ? null : who.registeredAt;
    }

    public Instant inviteExpiresAt() {
        return inviteExpiresAt;
    }

    public void invitationFailed(String error, Instant now) {
        invitationError = AuditLog.cut(error, 500);
        invitationErrorAt = now;
    }

    public boolean portalAccess() {
        return portalAccess;
    }

    String reference() {
        return reference;
    }

    public long pk() {
        return pk;
    }

    /** The import that created this client, if one did. */
    public String createdByImport() {
        return createdByImport;
    }

    public long version() {
        return version;
    }

    public String clientId() {
        return clientId;
    }

    public String clientIdKey() {
        return clientIdKey;
    }

    public boolean smsOtp() {
        return smsOtp;
    }

    public String countryCode() {
        return taxpayer.countryCode;
    }

    public String mobileNumber() {
        return taxpayer.mobileNumber;
    }

    public int officeLocation() {
        return officeLocation;
    }

    public void setPortalAccess(boolean enabled, Instant now) {
        portalAccess = enabled;
        updatedAt = now;
    }

    public void setSmsOtp(boolean enabled, Instant now) {
        smsOtp = enabled;
        updatedAt = now;
    }

    public void setDropOffAccess(boolean enabled, Instant now) {
        dropOffAccess = enabled;
        updatedAt = now;
    }
}
