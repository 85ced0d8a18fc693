package org.atrium.example.extension;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each of Atrium's events to the firm's own system (webhook.url in etc/atrium.example.cfg) as signed
 * JSON. An event is queued on disk as it arrives (Event Admin delivers it after the change committed, on
 * its own thread: the register never waits for this) and posted by a thread of its own, oldest first; a
 * receiver that is down or answers an error gets the same event again after 1, 2, 4... seconds (at most
 * webhook.retry.max.seconds apart), and nothing is lost while it is down, Atrium restarts or this bundle
 * is away.
 */
@Component(configurationPid = "atrium.example", property = {
    EventConstants.EVENT_TOPIC + "=org/atrium/client/*",
    EventConstants.EVENT_TOPIC + "=org/atrium/onboarding/*",
    EventConstants.EVENT_TOPIC + "=org/atrium/portal/*",
    EventConstants.EVENT_TOPIC + "=org/atrium/import/*"})
// the configuration's metatype is designated once, by ClientIdPatternRule: the same PID
public class Webhook implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);
    private static final long FIRST_RETRY_MILLIS = 1_000;

    /**
     * Where and how to send.
     *
     * @param keeping whether events are kept: an address is set, even one not usable yet
     * @param url where to send; empty while the webhook is off or its settings are wrong
     */
    private record Settings(boolean keeping, Optional<URI> url, String secret, long maxRetryMillis) {
    }

    private final WebhookQueue queue;
    private final WebhookDelivery delivery = new WebhookDelivery();
    private final Clock clock = Clock.systemUTC();
    private final LinkedBlockingQueue<Object> wake = new LinkedBlockingQueue<>();
    private final Thread sender = new Thread(this::sendForever, "atrium-example-webhook");
    private volatile Settings settings;
    private volatile boolean stopped;

    @Activate
    public Webhook(BundleContext context, ExampleConfig config) {
        queue = new WebhookQueue(Path.of(context.getProperty("karaf.data"), "atrium-example", "webhook"));
        configure(config);
        sender.setDaemon(true);
        sender.start();
    }

    @Modified
    void configure(ExampleConfig config) {
        settings = settings(config);
        wake.offer(Boolean.TRUE);
    }

    private static Settings settings(ExampleConfig config) {
        long maxRetry = TimeUnit.SECONDS.toMillis(Math.max(1, config.webhook_retry_max_seconds()));
        String url = config.webhook_url() == null ? "" : config.webhook_url().strip();
        if (url.isEmpty()) {
            return new Settings(false, Optional.empty(), "", maxRetry);
        }
        try {
            URI address = URI.create(url);
            if (!"http".equals(address.getScheme()) && !"https".equals(address.getScheme())) {
                throw new IllegalArgumentException("not http(s)");
            }
            if (config.webhook_secret() == null || config.webhook_secret().isEmpty()) {
                LOG.error("etc/atrium.example.cfg: webhook.secret is empty; events wait in the queue until it is set");
                return new Settings(true, Optional.empty(), "", maxRetry);
            }
            return new Settings(true, Optional.of(address), config.webhook_secret(), maxRetry);
        } catch (IllegalArgumentException e) {
            LOG.error("etc/atrium.example.cfg: webhook.url '{}' is not an http(s) address; events wait in the queue "
                    + "until it is corrected", url);
            return new Settings(true, Optional.empty(), "", maxRetry);
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        stopped = true;
        sender.interrupt();
        sender.join(TimeUnit.SECONDS.toMillis(15)); // a post under way ends within its timeouts
    }

    @Override
    public void handleEvent(Event event) {
        if (!settings.keeping()) {
            return; // no webhook: nothing to keep
        }
        queue.add(EventJson.of(event, clock.instant()));
        wake.offer(Boolean.TRUE);
    }

    private void sendForever() {
        long retryMillis = FIRST_RETRY_MILLIS;
        while (!stopped) {
            try {
                Settings current = settings;
                Optional<Path> next = current.url().isPresent() ? queue.oldest() : Optional.empty();
                if (next.isEmpty()) {
                    wake.poll(1, TimeUnit.MINUTES);
                    wake.clear();
                    continue;
                }
                if (delivery.post(current.url().get(), current.secret(), queue.body(next.get()))) {
                    queue.delivered(next.get());
                    retryMillis = FIRST_RETRY_MILLIS;
                } else {
                    LOG.info("The webhook receiver did not take an event; {} event(s) wait, next try in {} s",
                            queue.count(), retryMillis / 1000);
                    Thread.sleep(retryMillis); // backoff: a receiver that is down is not hammered
                    retryMillis = Math.min(retryMillis * 2, current.maxRetryMillis());
                }
            } catch (InterruptedException e) {
                return; // stopping: what is queued stays on disk
            } catch (IOException | RuntimeException e) {
                LOG.error("The webhook could not read its queue; it tries again in a minute", e);
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(1)); // a disk problem does not mend in a loop
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
    }
}
