package org.atrium.mailer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
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
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.mail.internet.InternetAddress;

import org.atrium.api.database.DatabaseSchema;
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
 * The mailer: {@link #send} stores the message in the {@link MailQueue}, in Atrium's database, and returns;
 * one background thread takes due messages one at a time and delivers them over SMTP (or into the outbox
 * folder when no SMTP host is configured), retrying with doubling delays. Every node of a firm runs one and
 * they share the queue: each message is taken by one node at a time, under a lease, so none is sent twice,
 * and one that a stopped or dead node held is taken over when the lease ends. Stopping the bundle stops the
 * thread; the queue stays in the database and delivery resumes when a mailer comes back.
 */
// REQUIRE: the feature always installs etc/atrium.mailer.cfg; started before it is read (a feature reinstalled),
// the mailer would deliver with the defaults, that is into the outbox folder instead of the SMTP server
@Component(service = {Mailer.class, HealthCheck.class}, property = HealthCheck.NAME + "=mail",
        configurationPid = "atrium.mailer", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=mail)"))
@Designate(ocd = MailerConfig.class)
public class QueueingMailer implements Mailer, HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(QueueingMailer.class);
    static final String DEFAULT_FROM = "atrium@localhost";
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'@]+@[^\\s<>\"']+");
    private static final DateTimeFormatter OUTBOX_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Messages queued on any node, due or not, are noticed at least this often. */
    static final Duration POLL = Duration.ofSeconds(30);

    private final MailQueue queue;
    private final Path outbox;
    private final Clock clock;
    private final MailProviderClassLoader mailProviders;
    private final ScheduledExecutorService worker;
    private volatile MailerConfig config;
    private volatile LastDelivery lastDelivery;
    /** The delivery pass waiting to run, and when; guarded by this. */
    private ScheduledFuture<?> nextPass;
    private Instant nextPassAt;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Firm firm;

    @Activate
    public QueueingMailer(BundleContext context, MailerConfig config,
            @Reference(target = "(osgi.jndi.service.name=atrium)") DataSource dataSource) {
        this(new MailQueue(dataSource, thisNode()), dataFolder(context), config, Clock.systemUTC(),
                MailProviderClassLoader.angus());
    }

    QueueingMailer(MailQueue queue, Path data, MailerConfig config, Clock clock, MailProviderClassLoader mailProviders) {
        this.queue = queue;
        this.outbox = data.resolve("outbox");
        this.clock = clock;
        this.mailProviders = mailProviders;
        this.config = config;
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread named = new Thread(task, "atrium-mailer");
            named.setDaemon(true);
            return named;
        });
        // a pass planned for later is dropped when the mailer stops, not waited for
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = thread;
        worker.execute(() -> moveEarlierQueue(data.resolve("mail")));
        worker.execute(this::purgeOldSentMessages);
        worker.scheduleWithFixedDelay(this::purgeOldSentMessages, 1, 1, TimeUnit.DAYS);
        wake();
        LOG.info("Mailer started: {}", describe(config));
    }

    /** process@host, which names this node in the claims it writes. */
    private static String thisNode() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        return name.length() > 80 ? name.substring(0, 80) : name;
    }

    /** The queue folder of earlier versions, data/atrium/mail: its messages move into the database. */
    private void moveEarlierQueue(Path folder) {
        try {
            int moved = new EarlierMailSpool(folder).moveInto(queue);
            if (moved > 0) {
                LOG.info("Moved {} message(s) from the queue folder {} into the database", moved, folder);
            }
        } catch (RuntimeException e) {
            LOG.error("The messages in {} could not all be moved into the database; tried again at the next start",
                    folder, e);
        }
    }

    /** data/atrium, beside the database: the outbox folder (and the earlier queue folder) live there. */
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
        QueuedMail queued = queue.add(eml, message.to(), message.subject(), message.tags(), clock.instant());
        LOG.info("Queued message {} for {} recipient(s)", queued.id(), message.to().size());
        wake();
        return queued.id();
    }

    @Override
    public List<QueuedMail> queue(MailState state, int limit) {
        return queue.list(state, limit);
    }

    /** The {@code mail} health check: the queue's figures and the last delivery's outcome. */
    @Override
    public HealthResult check() {
        return LastDelivery.health(queue.count(MailState.QUEUED), queue.count(MailState.FAILED), lastDelivery,
                config.smtp_host().isBlank() ? "outbox" : "smtp");
    }

    // --- delivery, on the worker thread

    private void wake() {
        schedule(clock.instant());
    }

    /**
     * Delivers what is due, one message at a time, then looks again when the next falls due, or after
     * {@link #POLL} at the latest (another node may queue one, or die holding one). A pass already waiting
     * makes a new one unnecessary: {@link #wake} only runs one at once.
     */
    private void deliverDue() {
        synchronized (this) {
            nextPass = null; // this one; any pass asked for from now on is another
        }
        Instant next;
        try {
            Optional<MailQueue.Claimed> claimed;
            while (!worker.isShutdown() && (claimed = queue.claimNext(clock.instant(), lease(config))).isPresent()) {
                attempt(claimed.get());
            }
            next = queue.nextAttempt().filter(at -> at.isBefore(clock.instant().plus(POLL)))
                    .orElse(clock.instant().plus(POLL));
        } catch (RuntimeException e) {
            LOG.error("Mail delivery stopped by an unexpected error; trying again in a minute", e);
            next = clock.instant().plus(Duration.ofMinutes(1));
        }
        schedule(next);
    }

    /** Plans a pass at {@code at}, unless one is planned already for then or earlier. */
    private synchronized void schedule(Instant at) {
        if (worker.isShutdown() || nextPass != null && !nextPassAt.isAfter(at)) {
            return;
        }
        if (nextPass != null) {
            nextPass.cancel(false);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        try {
            nextPass = worker.schedule(this::deliverDue, delay, TimeUnit.MILLISECONDS);
            nextPassAt = at;
        } catch (RejectedExecutionException stoppedMeanwhile) {
            nextPass = null; // the message is queued; the next mailer to start, here or on another node, sends it
        }
    }

    /**
     * How long a node holds a message it is delivering: longer than the slowest SMTP exchange the timeouts
     * allow (a connection and about ten commands), so a live node never loses a message it is still sending.
     */
    static Duration lease(MailerConfig config) {
        Duration exchange = Duration.ofMillis(config.connect_timeout() + 10L * config.read_timeout());
        return exchange.compareTo(Duration.ofMinutes(5)) > 0 ? exchange : Duration.ofMinutes(5);
    }

    private void attempt(MailQueue.Claimed claimed) {
        QueuedMail mail = claimed.mail();
        MailerConfig current = config;
        try {
            if (current.smtp_host().isBlank()) {
                writeToOutbox(claimed);
            } else {
                byte[] eml = claimed.eml();
                mailProviders.run(() -> {
                    SmtpDelivery.send(eml, current, sender(current));
                    return null;
                });
            }
        } catch (Exception failure) {
            lastDelivery = LastDelivery.failed(clock.instant(), redact(SmtpDelivery.describe(failure)));
            failed(claimed, failure, current);
            return;
        }
        lastDelivery = LastDelivery.sent(clock.instant());
        if (!queue.finish(claimed, MailState.SENT, clock.instant(), null)) {
            LOG.warn("Message {} was sent, but its lease had ended and another node may have sent it too: the "
                    + "lease ({}) is shorter than this delivery took", mail.id(), lease(current));
        }
        LOG.info("Message {} sent{}", mail.id(), current.smtp_host().isBlank() ? " to the outbox folder" : "");
        post(MailTopics.SENT, mail, null);
    }

    private void failed(MailQueue.Claimed claimed, Exception failure, MailerConfig current) {
        QueuedMail mail = claimed.mail();
        String error = SmtpDelivery.describe(failure);
        int attempts = mail.attempts() + 1;
        if (SmtpDelivery.isPermanent(failure) || attempts >= current.retry_max_attempts()) {
            queue.finish(claimed, MailState.FAILED, clock.instant(), error);
            LOG.warn("Message {} FAILED after {} attempt(s): {}", mail.id(), attempts, redact(error));
            post(MailTopics.FAILED, mail, error);
            return;
        }
        long delay = Math.min((long) current.retry_first_delay() << Math.min(attempts - 1, 20),
                current.retry_max_delay());
        Instant next = clock.instant().plusSeconds(delay);
        queue.retryLater(claimed, next, error);
        LOG.warn("Message {} not delivered (attempt {} of {}), next try at {}: {}", mail.id(), attempts,
                current.retry_max_attempts(), next, redact(error));
    }

    /** data/atrium/outbox/20261122T101500Z-<id>.eml: what would have been sent, for a look. */
    private void writeToOutbox(MailQueue.Claimed claimed) {
        QueuedMail mail = claimed.mail();
        try {
            Files.createDirectories(outbox);
            Path temporary = outbox.resolve(mail.id() + ".tmp");
            Files.write(temporary, claimed.eml());
            Files.move(temporary, outbox.resolve(OUTBOX_NAME.format(clock.instant()) + "-" + mail.id() + ".eml"),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + outbox, e);
        }
    }

    private void purgeOldSentMessages() {
        int removed = queue.purgeSent(clock.instant().minus(Duration.ofDays(config.sent_keep_days())));
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
