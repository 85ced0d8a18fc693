package org.atrium.portal.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.ws.rs.core.Response.Status;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.firm.Firm;
import org.atrium.api.firm.FirmProfile;
import org.atrium.api.keys.SecretKeys;
import org.atrium.api.audit.AuditActions;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.client.Person;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.client.ServiceUnavailableException;
import org.atrium.api.mail.MailMessage;
import org.atrium.api.mail.Mailer;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;
import org.atrium.api.portal.PortalAccessOffException;
import org.atrium.api.portal.PortalIdentity;
import org.atrium.api.security.Actor;
import org.atrium.api.security.AttemptMarks;
import org.atrium.api.sms.SmsMessage;
import org.atrium.api.sms.SmsSender;
import org.atrium.rest.support.InvalidRequestException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in without passwords: access codes sent by email, or by SMS when the client's SMS OTP is on and the
 * atrium-sms-otp feature runs (else by email, with a warning), then sessions. Codes live here, not in the
 * SMS feature, so that removing that feature changes only how they travel.
 */
@Component(service = PortalSignIn.class, configurationPid = "atrium.portal",
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=portal)"))
@Designate(ocd = PortalConfig.class)
public class PortalSignIn {

    static final String MAIL_PURPOSE = "access-code";
    private static final Logger LOG = LoggerFactory.getLogger(PortalSignIn.class);
    private static final String WRONG_CODE = "The access code is wrong, used or expired. Ask for a new code; after %d "
            + "wrong codes sign-in is locked for %d minutes (your firm can unlock it).";

    /** A session that was opened: the token only the browser keeps. */
    record OpenedSession(String token, Instant expiresAt, PortalPerson person) {
    }

    /** A code staff give a client by phone. */
    record StaffCode(String clientId, String code, Person person, Instant expiresAt) {
    }

    /** Whose sign-in was locked and is no more. */
    record Unlocked(String clientId, List<Person> persons) {
    }

    /** Sign-in state of one person, for staff. */
    record SignInState(Person person, boolean registered, boolean locked, Instant lockedUntil, boolean codeOpen,
            Instant lastSignInAt) {
    }

    private final JpaTemplate jpa;
    private final ClientRegister register;
    private final PortalIdentity people;
    private final OfficeDirectory offices;
    private final AuditTrail audit;
    private final Secrets secrets;
    private final Clock clock;
    private final AddressLimiter addresses;
    /** One thread: code requests are few, and answered before they are worked on. */
    private final ExecutorService codeSender = Executors
            .newSingleThreadExecutor(runnable -> new Thread(runnable, "atrium-portal-access-codes"));
    private volatile PortalConfig config;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Mailer mailer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SmsSender sms;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Firm firm;

    @Activate
    public PortalSignIn(@Reference(target = "(osgi.unit.name=atrium-portal)") JpaTemplate jpa,
            @Reference ClientRegister register, @Reference PortalIdentity people, @Reference OfficeDirectory offices,
            @Reference AuditTrail audit, @Reference SecretKeys keys, @Reference AttemptMarks marks,
            PortalConfig config) {
        this(jpa, register, people, offices, audit, Secrets.of(keys), marks, Clock.systemUTC(), config);
    }

    PortalSignIn(JpaTemplate jpa, ClientRegister register, PortalIdentity people, OfficeDirectory offices,
            AuditTrail audit, Secrets secrets, AttemptMarks marks, Clock clock, PortalConfig config) {
        this.jpa = jpa;
        this.register = register;
        this.people = people;
        this.offices = offices;
        this.audit = audit;
        this.secrets = secrets;
        this.clock = clock;
        this.addresses = new AddressLimiter(marks, clock);
        this.config = config;
    }

    /** For tests: the optional services. */
    PortalSignIn with(Mailer currentMailer, SmsSender currentSms) {
        this.mailer = currentMailer;
        this.sms = currentSms;
        return this;
    }

    @Deactivate
    void stop() throws InterruptedException {
        codeSender.shutdown();
        codeSender.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Modified
    void reconfigure(PortalConfig changed) {
        config = changed;
    }

    PortalConfig config() {
        return config;
    }

    // --- the client's side

    /**
     * Sends a new code to the registered person with this email, if there is one who may sign in; does
     * nothing otherwise. The caller answers the same either way, and as fast: the lookup and the sending
     * happen after the answer, so its timing does not tell whether the address is known either.
     */
    void requestCode(String email, String address) {
        PortalConfig current = config;
        limitAddress(address, current);
        if (mailer == null) {
            // checked before looking the email up, so the answer does not depend on it
            throw new ServiceUnavailableException("Access codes cannot be sent right now (the mailer is not running); "
                    + "try again later.");
        }
        try {
            codeSender.execute(() -> {
                try {
                    sendCode(email, current);
                } catch (RuntimeException e) {
                    LOG.error("An access code could not be sent", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            throw new ServiceUnavailableException("The client portal is stopping: try again in a moment.");
        }
    }

    void sendCode(String email, PortalConfig current) {
        Optional<PortalPerson> found = people.findPortalPerson(email);
        if (found.isEmpty() || !found.get().registered() || !found.get().client().portalAccess()) {
            LOG.info("Access code asked for an address that cannot sign in; nothing sent");
            return;
        }
        PortalPerson person = found.get();
        String code = secrets.newCode();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofMinutes(current.code_valid_minutes()));
        boolean open = jpa.txExpr(TransactionType.Required, em -> {
            AccessCodeEntity state = stateOf(em, person);
            if (state.locked(now)) {
                LOG.info("Access code asked for client {} while sign-in is locked; nothing sent",
                        person.client().clientId());
                return false;
            }
            if (!state.takeSend(now, Duration.ofMinutes(current.window_minutes()), current.sends_per_person())) {
                LOG.warn("Access code asked for client {} more than {} times in {} minutes; nothing sent",
                        person.client().clientId(), current.sends_per_person(), current.window_minutes());
                return false;
            }
            state.open(secrets.codeHash(emailKey(person.email()), code), expiresAt, null, person.client().clientId(),
                    person.person());
            return true;
        });
        if (open) {
            deliver(person, code, current.code_valid_minutes());
        }
    }

    /** Opens a session for the right code; a wrong one counts towards the lock. */
    OpenedSession signIn(String email, String code, String address) {
        PortalConfig current = config;
        limitAddress(address, current);
        String key = emailKey(email);
        String wrong = String.format(WRONG_CODE, current.code_max_wrong(), current.lock_minutes());
        if (key.isEmpty() || code == null || !code.strip().matches("\\d{6}")) {
            throw new PortalException(Status.UNAUTHORIZED, wrong);
        }
        Instant now = clock.instant();
        String hash = secrets.codeHash(key, code.strip());
        Optional<AccessCodeEntity> accepted = jpa.txExpr(TransactionType.Required, em -> {
            // locked for this transaction: two tries at once can neither both use the code nor both miss a count
            AccessCodeEntity state = em.find(AccessCodeEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (state == null || state.locked(now) || !state.hasOpenCode(now)) {
                return Optional.empty();
            }
            if (!Secrets.sameHash(state.codeHash(), hash)) {
                if (state.wrongTry(now, current.code_max_wrong(), Duration.ofMinutes(current.lock_minutes()))) {
                    LOG.warn("Sign-in of client {} locked after {} wrong access codes", state.clientId(),
                            current.code_max_wrong());
                    audit.record(PortalPerson.auditName(state.clientId(), state.person()),
                            AuditActions.SIGN_IN_FAILED, state.clientId(), "locked after "
                                    + current.code_max_wrong() + " wrong access codes", List.of());
                }
                return Optional.empty();
            }
            state.close(); // single use
            return Optional.of(state);
        });
        if (accepted.isEmpty()) {
            throw new PortalException(Status.UNAUTHORIZED, wrong);
        }
        // the code was sent to this person of this client: an address that passed to another since opens nothing
        PortalPerson person = people.findPortalPerson(email).filter(PortalPerson::registered)
                .filter(found -> accepted.get().belongsTo(found.client().reference(), found.person()))
                .orElseThrow(() -> new PortalException(Status.UNAUTHORIZED, wrong));
        if (!person.client().portalAccess()) {
            throw new PortalAccessOffException("Portal access is off for your account: ask your firm to turn it on.");
        }
        String token = secrets.newToken();
        Instant expiresAt = now.plus(Duration.ofHours(current.session_hours()));
        jpa.tx(TransactionType.Required, em -> {
            em.persist(new PortalSessionEntity(Secrets.tokenHash(token), key, person.client().reference(),
                    person.person(), now, expiresAt));
            // expired sessions of anyone go as new ones come: no timer needed
            em.createQuery("DELETE FROM PortalSessionEntity s WHERE s.expiresAt < :now")
                    .setParameter("now", java.util.Date.from(now)).executeUpdate();
        });
        Client signedIn = people.recordSignIn(person.client().clientId(), person.person());
        return new OpenedSession(token, expiresAt, new PortalPerson(signedIn, person.person()));
    }

    /**
     * The person of a session that is still good: not expired, same client and person, same email, registered,
     * portal access on.
     */
    PortalPerson session(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw PortalException.signInRequired();
        }
        Instant now = clock.instant();
        PortalSessionEntity session = jpa.txExpr(TransactionType.Supports,
                em -> em.find(PortalSessionEntity.class, Secrets.tokenHash(token.strip())));
        if (session == null || !now.isBefore(session.expiresAt())) {
            throw PortalException.signInRequired();
        }
        // the client it was opened for, by reference: a deleted client's session opens nothing, whoever
        // has its client ID or address now
        PortalPerson person = register.findByReference(session.clientReference())
                .flatMap(client -> client.person(session.person()))
                .filter(found -> emailKey(found.email()).equals(session.emailKey())).filter(PortalPerson::registered)
                .orElseThrow(PortalException::signInRequired);
        if (!person.client().portalAccess()) {
            throw new PortalAccessOffException("Portal access is off for your account: ask your firm to turn it on.");
        }
        return person;
    }

    void signOut(String token) {
        if (token != null && !token.isBlank()) {
            jpa.tx(TransactionType.Required, em -> em.createQuery(
                    "DELETE FROM PortalSessionEntity s WHERE s.tokenHash = :hash")
                    .setParameter("hash", Secrets.tokenHash(token.strip())).executeUpdate());
        }
    }

    /**
     * Ends the sessions and drops the sign-in state of deleted clients.
     *
     * @param deleted the references of clients that no longer exist
     * @return how many sessions were ended
     */
    int forget(Collection<String> deleted) {
        if (deleted.isEmpty()) {
            return 0;
        }
        List<String> references = List.copyOf(deleted);
        return jpa.txExpr(TransactionType.Required, em -> {
            em.createQuery("DELETE FROM AccessCodeEntity a WHERE a.clientReference IN :references")
                    .setParameter("references", references).executeUpdate();
            return em.createQuery("DELETE FROM PortalSessionEntity s WHERE s.clientReference IN :references")
                    .setParameter("references", references).executeUpdate();
        });
    }

    /**
     * Sessions and sign-in states of an earlier version join the person whose email they were opened for, if
     * that person was there by then (the session) or is of the same client ID (the state); the rest are dropped.
     */
    void joinEarlierRows() {
        jpa.tx(TransactionType.Required, em -> {
            em.createQuery("SELECT s FROM PortalSessionEntity s WHERE s.clientReference IS NULL",
                    PortalSessionEntity.class).getResultList().forEach(session -> people
                            .findPortalPerson(session.emailKey())
                            .filter(person -> EarlierRows.writtenFor(person.client(), session.createdAt()))
                            .ifPresentOrElse(person -> session.joinClient(person.client().reference(),
                                    person.person()), () -> em.remove(session)));
            em.createQuery("SELECT a FROM AccessCodeEntity a WHERE a.clientReference IS NULL",
                    AccessCodeEntity.class).getResultList().forEach(state -> people
                            .findPortalPerson(state.emailKey())
                            .filter(person -> person.client().clientId().equalsIgnoreCase(state.clientId()))
                            .ifPresentOrElse(person -> state.joinClient(person.client().reference()),
                                    () -> em.remove(state)));
        });
    }

    // --- staff help

    /**
     * A temporary code for staff to pass on by phone: replaces any open code, lifts a lock (staff have
     * spoken to the person), valid {@code staff.code.valid.minutes}. Audited without the code.
     */
    StaffCode issueStaffCode(ClientRegister staffView, String clientId, Person person, Actor actor) {
        Client client = staffView.get(clientId);
        PortalPerson target = client.person(person).orElseThrow(() -> new InvalidRequestException("Client '"
                + client.clientId() + "' has no spouse."));
        if (!target.registered()) {
            throw new InvalidRequestException("The " + label(person) + " of client '" + client.clientId()
                    + "' has not registered for the portal yet: send the onboarding email.");
        }
        if (!client.portalAccess()) {
            throw new InvalidRequestException("Portal access is off for client '" + client.clientId()
                    + "': turn it on first.");
        }
        PortalConfig current = config;
        String code = secrets.newCode();
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(current.staff_code_valid_minutes()));
        jpa.tx(TransactionType.Required, em -> {
            AccessCodeEntity state = stateOf(em, target);
            state.unlock();
            state.open(secrets.codeHash(emailKey(target.email()), code), expiresAt, actor.name(), client.clientId(),
                    person);
            audit.record(actor.name(), AuditActions.ACCESS_CODE_ISSUED, client.clientId(), "temporary access code for "
                    + "the " + label(person) + ", valid until " + expiresAt, List.of());
        });
        return new StaffCode(client.clientId(), code, person, expiresAt);
    }

    /** Lifts the locks of the client's taxpayer and spouse. */
    Unlocked unlock(ClientRegister staffView, String clientId, Actor actor) {
        Client client = staffView.get(clientId);
        Instant now = clock.instant();
        List<Person> unlocked = new ArrayList<>();
        jpa.tx(TransactionType.Required, em -> {
            for (Person person : Person.values()) {
                client.person(person).map(PortalPerson::email).map(PortalSignIn::emailKey)
                        .map(key -> em.find(AccessCodeEntity.class, key))
                        .filter(state -> state.belongsTo(client.reference(), person) && state.locked(now))
                        .ifPresent(state -> {
                            state.unlock();
                            unlocked.add(person);
                        });
            }
            audit.record(actor.name(), AuditActions.SIGN_IN_UNLOCKED, client.clientId(),
                    unlocked.isEmpty() ? "nothing was locked" : "unlocked: " + unlocked, List.of());
        });
        return new Unlocked(client.clientId(), unlocked);
    }

    List<SignInState> states(ClientRegister staffView, String clientId) {
        Client client = staffView.get(clientId);
        Instant now = clock.instant();
        return jpa.txExpr(TransactionType.Supports, em -> {
            List<SignInState> states = new ArrayList<>();
            for (Person person : Person.values()) {
                client.person(person).ifPresent(target -> {
                    AccessCodeEntity state = Optional.ofNullable(em.find(AccessCodeEntity.class,
                            emailKey(target.email()))).filter(found -> found.belongsTo(client.reference(), person))
                            .orElse(null);
                    boolean locked = state != null && state.locked(now);
                    states.add(new SignInState(person, target.registered(), locked,
                            locked ? state.lockedUntil() : null, state != null && state.hasOpenCode(now),
                            client.lastSignInAt()));
                });
            }
            return states;
        });
    }

    // --- delivery

    private void deliver(PortalPerson person, String code, int validMinutes) {
        Client client = person.client();
        Firm current = this.firm;
        // the firm's name as it set it (etc/atrium.firm.cfg), else the client's office
        String firm = (current == null ? FirmProfile.UNSET : current.profile()).name().orElseGet(() ->
                offices.find(client.officeLocation()).map(OfficeLocation::name).orElse("Your firm"));
        SmsSender currentSms = sms;
        if (client.smsOtp() && person.mobileNumber() != null && person.countryCode() != null) {
            if (currentSms == null) {
                LOG.warn("SMS OTP is on for client {}, but the atrium-sms-otp feature is not running: the access code "
                        + "goes by email instead", client.clientId());
            } else {
                try {
                    currentSms.send(new SmsMessage(person.countryCode(), person.mobileNumber(), code + " is your "
                            + firm + " client portal access code. It is valid for " + validMinutes + " minutes."));
                    LOG.info("Access code for client {} sent by SMS ({} gateway)", client.clientId(),
                            currentSms.gateway());
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("The access code for client {} could not go by SMS ({}); it goes by email instead",
                            client.clientId(), e.getMessage());
                }
            }
        }
        Mailer currentMailer = mailer;
        if (currentMailer == null) {
            LOG.error("The access code for client {} could not be sent: the mailer is not running", client.clientId());
            return;
        }
        currentMailer.send(new MailMessage(List.of(person.email()), "Your access code for the " + firm
                + " client portal", "Hello " + person.name() + ",\n\nyour access code is " + code + ". It is valid for "
                + validMinutes + " minutes and can be used once.\n\nIf you did not ask for it, you can ignore this "
                + "message: nobody can sign in without it.\n\n" + firm + "\n", null, List.of(),
                Map.of("purpose", MAIL_PURPOSE, "clientId", client.clientId())));
        LOG.info("Access code for client {} sent by email", client.clientId());
    }

    // --- helpers

    private void limitAddress(String address, PortalConfig current) {
        addresses.take(address == null ? "unknown" : address, current.requests_per_address(),
                Duration.ofMinutes(current.window_minutes())).ifPresent(wait -> {
                    throw PortalException.tooManyRequests(wait);
                });
    }

    private static AccessCodeEntity stateOf(EntityManager em, PortalPerson person) {
        String key = emailKey(person.email());
        String reference = person.client().reference();
        AccessCodeEntity state = em.find(AccessCodeEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (state == null) {
            state = new AccessCodeEntity(key, reference, person.client().clientId(), person.person());
            em.persist(state);
        } else if (!state.belongsTo(reference, person.person())) {
            state.startOver(reference, person.client().clientId(), person.person());
        }
        return state;
    }

    static String emailKey(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    static String label(Person person) {
        return person == Person.TAXPAYER ? "taxpayer" : "spouse";
    }
}
