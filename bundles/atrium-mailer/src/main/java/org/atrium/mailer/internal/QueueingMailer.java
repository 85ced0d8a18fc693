package org.atrium.mailer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.mail.internet.InternetAddress;

import org.atrium.api.firm.Firm;
import org.atrium.api.firm.FirmProfile;
import org.atrium.api.mail.MailMessage;
import org.atrium.api.mail.MailState;
import org.atrium.api.mail.MailTopics;
import org.atrium.api.health.HealthCheck;
import org.atrium.api.health.HealthResult;
import org.atrium.api.mail.Mailer;
import org.atrium.api.mail.QueuedMail;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailer: {@link #send} stores the message in the {@link MailSpool} and returns; one background thread
 * delivers due messages over SMTP (or into the outbox folder when no SMTP host is configured), retrying
 * with doubling delays. Stopping the bundle stops the thread; the queue stays on disk and delivery resumes
 * when the mailer comes back.
 */
// REQUIRE: the feature always installs etc/atrium.mailer.cfg; started before it is read (a feature reinstalled),
// the mailer would deliver with the defaults, that is into the outbox folder instead of the SMTP server
@Component(service = {Mailer.class, HealthCheck.class}, property = HealthCheck.NAME + "=mail",
        configurationPid = "atrium.mailer", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = MailerConfig.class)
public class QueueingMailer implements Mailer, HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(QueueingMailer.class);
    static final String DEFAULT_FROM = "atrium@localhost";
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'@]+@[^\\s<>\"']+");
    private static final DateTimeFormatter OUTBOX_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final MailSpool spool;
    private final Path outbox;
    private final Clock clock;
    private final MailProviderClassLoader mailProviders;
    private final ScheduledExecutorService worker;
    private volatile MailerConfig config;
    private volatile LastDelivery lastDelivery;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Firm firm;

    @Activate
    public QueueingMailer(BundleContext context, MailerConfig config) {
        this(dataFolder(context), config, Clock.systemUTC(), MailProviderClassLoader.angus());
    }

    QueueingMailer(Path data, MailerConfig config, Clock clock, MailProviderClassLoader mailProviders) {
        this.spool = new MailSpool(data.resolve("mail"));
        this.outbox = data.resolve("outbox");
        this.clock = clock;
        this.mailProviders = mailProviders;
        this.config = config;
        this.worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "atrium-mailer");
            thread.setDaemon(true);
            return thread;
        });
        spool.recover();
        worker.execute(this::purgeOldSentMessages);
        worker.scheduleWithFixedDelay(this::purgeOldSentMessages, 1, 1, TimeUnit.DAYS);
        wake();
        LOG.info("Mailer started: {}", describe(config));
    }

    /** data/atrium, beside the database, so the queue outlives the bundle's own storage. */
    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data, "atrium") : context.getDataFile("").toPath();
    }

    @Modified
    void reconfigure(MailerConfig changed) {
        config = changed;
        LOG.info("Mailer reconfigured: {}", describe(changed));
        wake();
    }

    @Deactivate
    void stop() throws InterruptedException {
        worker.shutdown();
        // a delivery under way finishes (bounded by the SMTP timeouts); what is left stays queued on disk
        if (!worker.awaitTermination(config.connect_timeout() + (long) config.read_timeout() * 2,
                TimeUnit.MILLISECONDS)) {
            worker.shutdownNow();
        }
    }

    /** For tests: the firm's profile, which DS gives in Karaf. */
    QueueingMailer with(Firm profile) {
        this.firm = profile;
        return this;
    }

    /**
     * Who the mail is from: the mailer's own {@code from} when set, else the firm's email and name
     * (etc/atrium.firm.cfg), else atrium@localhost, which is only good for the outbox folder.
     */
    private InternetAddress sender(MailerConfig current) {
        FirmProfile profile = firm == null ? FirmProfile.UNSET : firm.profile();
        String address = !current.from().isBlank() ? current.from().strip() : profile.email().orElse(DEFAULT_FROM);
        String name = !current.from_name().isBlank() ? current.from_name().strip() : profile.name().orElse("Atrium");
        return MimeMessages.from(address, name);
    }

    @Override
    public String send(MailMessage message) {
        MimeMessages.check(message);
        MailerConfig current = config;
        byte[] eml;
        try {
            eml = mailProviders.run(() -> MimeMessages.toEml(message, sender(current)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the message", e);
        }
        QueuedMail queued = spool.add(eml, message.to(), message.subject(), message.tags(), clock.instant());
        LOG.info("Queued message {} for {} recipient(s)", queued.id(), message.to().size());
        wake();
        return queued.id();
    }

    @Override
    public List<QueuedMail> queue(MailState state, int limit) {
        return spool.list(state, limit);
    }

    /** The {@code mail} health check: the queue's figures and the last delivery's outcome. */
    @Override
    public HealthResult check() {
        return LastDelivery.health(spool.count(MailState.QUEUED), spool.count(MailState.FAILED), lastDelivery,
                config.smtp_host().isBlank() ? "outbox" : "smtp");
    }

    // --- delivery, on the worker thread

    private void wake() {
        if (!worker.isShutdown()) {
            worker.execute(this::deliverDue);
        }
    }

    private void deliverDue() {
        try {
            for (QueuedMail mail : spool.due(clock.instant())) {
                if (worker.isShutdown()) {
                    return;
                }
                attempt(mail);
            }
            spool.nextAttempt().ifPresent(next -> {
                long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
                if (!worker.isShutdown()) {
                    worker.schedule(this::deliverDue, delay, TimeUnit.MILLISECONDS);
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Mail delivery stopped by an unexpected error; retrying in a minute", e);
            worker.schedule(this::deliverDue, 1, TimeUnit.MINUTES);
        }
    }

    private void attempt(QueuedMail mail) {
        MailerConfig current = config;
        try {
            if (current.smtp_host().isBlank()) {
                writeToOutbox(mail);
            } else {
                byte[] eml = spool.eml(mail);
                mailProviders.run(() -> {
                    SmtpDelivery.send(eml, current, sender(current));
                    return null;
                });
            }
        } catch (Exception failure) {
            lastDelivery = LastDelivery.failed(clock.instant(), redact(SmtpDelivery.describe(failure)));
            failed(mail, failure, current);
            return;
        }
        lastDelivery = LastDelivery.sent(clock.instant());
        spool.finish(mail, MailState.SENT, clock.instant(), null);
        LOG.info("Message {} sent{}", mail.id(), current.smtp_host().isBlank() ? " to the outbox folder" : "");
        post(MailTopics.SENT, mail, null);
    }

    private void failed(QueuedMail mail, Exception failure, MailerConfig current) {
        String error = SmtpDelivery.describe(failure);
        int attempts = mail.attempts() + 1;
        if (SmtpDelivery.isPermanent(failure) || attempts >= current.retry_max_attempts()) {
            spool.finish(mail, MailState.FAILED, clock.instant(), error);
            LOG.warn("Message {} FAILED after {} attempt(s): {}", mail.id(), attempts, redact(error));
            post(MailTopics.FAILED, mail, error);
            return;
        }
        long delay = Math.min((long) current.retry_first_delay() << Math.min(attempts - 1, 20),
                current.retry_max_delay());
        Instant next = clock.instant().plusSeconds(delay);
        spool.retryLater(mail, next, error);
        LOG.warn("Message {} not delivered (attempt {} of {}), next try at {}: {}", mail.id(), attempts,
                current.retry_max_attempts(), next, redact(error));
    }

    /** data/atrium/outbox/20261122T101500Z-<id>.eml: what would have been sent, for a look. */
    private void writeToOutbox(QueuedMail mail) {
        try {
            Files.createDirectories(outbox);
            Path temporary = outbox.resolve(mail.id() + ".tmp");
            Files.write(temporary, spool.eml(mail));
            Files.move(temporary, outbox.resolve(OUTBOX_NAME.format(clock.instant()) + "-" + mail.id() + ".eml"),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + outbox, e);
        }
    }

    private void purgeOldSentMessages() {
        int removed = spool.purgeSent(clock.instant().minus(Duration.ofDays(config.sent_keep_days())));
        if (removed > 0) {
            LOG.info("Removed {} sent message(s) older than {} days from the mail queue", removed,
                    config.sent_keep_days());
        }
    }

    private void post(String topic, QueuedMail mail, String error) {
        EventAdmin events = eventAdmin;
        if (events == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(MailTopics.PROPERTY_ID, mail.id());
        properties.put(MailTopics.PROPERTY_SUBJECT, mail.subject());
        if (error != null) {
            properties.put(MailTopics.PROPERTY_ERROR, error);
        }
        mail.tags().forEach((key, value) -> properties.put(MailTopics.TAG_PREFIX + key, value));
        events.postEvent(new Event(topic, properties));
    }

    /** Log lines name messages by ID; addresses in server replies are left out of the log. */
    static String redact(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll("<address>");
    }

    private static String describe(MailerConfig config) {
        return config.smtp_host().isBlank() ? "no SMTP host configured, messages are written to data/atrium/outbox"
                : "SMTP " + config.smtp_host() + ":" + config.smtp_port() + " (" + config.smtp_security() + ")";
    }
}
