package org.atrium.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.atrium.api.mail.Mailer;
import org.atrium.api.mail.QueuedMail;
import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Tests with a real SMTP server (GreenMail) on loopback: the mailer is configured to send there, with quick
 * retries, and each test starts the server (and may stop it to play one that is down).
 */
public abstract class MailTestSupport extends AtriumTestSupport {

    static final String SMTP_PORT = "atrium.itest.smtp.port";
    static final String API_PORT = "atrium.itest.greenmail.api.port";

    protected GreenMailServer smtp;
    protected String run;

    @Override
    @Configuration
    public Option[] config() {
        String smtpPort = String.valueOf(FreePorts.next());
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.addAll(List.of(
                editConfigurationFilePut("etc/atrium.mailer.cfg", "smtp.host", "127.0.0.1"),
                editConfigurationFilePut("etc/atrium.mailer.cfg", "smtp.port", smtpPort),
                editConfigurationFilePut("etc/atrium.mailer.cfg", "smtp.security", "none"),
                editConfigurationFilePut("etc/atrium.mailer.cfg", "from", "office@firm.example"),
                editConfigurationFilePut("etc/atrium.mailer.cfg", "from.name", "Smith & Co"),
                editConfigurationFilePut("etc/atrium.mailer.cfg", "connect.timeout", "1000"),
                // quick retries, so that a test sees a few of them
                editConfigurationFilePut("etc/atrium.mailer.cfg", "retry.first.delay", "1"),
                editConfigurationFilePut("etc/atrium.mailer.cfg", "retry.max.delay", "2"),
                editConfigurationFilePut("etc/atrium.mailer.cfg", "retry.max.attempts", "6"),
                systemProperty(SMTP_PORT).value(smtpPort),
                systemProperty(API_PORT).value(String.valueOf(FreePorts.next()))));
        return options.toArray(Option[]::new);
    }

    @Before
    public void startSmtpServer() throws Exception {
        awaitRestApi();
        run = unique();
        smtp = new GreenMailServer(Integer.getInteger(SMTP_PORT), Integer.getInteger(API_PORT));
        smtp.start();
    }

    @After
    public void stopSmtpServer() throws Exception {
        smtp.stop();
    }

    protected Mailer mailer() throws InterruptedException {
        ServiceTracker<Mailer, Mailer> tracker = new ServiceTracker<>(bundleContext, Mailer.class, null);
        tracker.open();
        try {
            Mailer mailer = tracker.waitForService(READY_TIMEOUT.toMillis());
            assertTrue("the Mailer service is registered", mailer != null);
            return mailer;
        } finally {
            tracker.close();
        }
    }

    protected List<String> awaitMessages(String address, int count) {
        List<List<String>> received = new ArrayList<>();
        await(count + " message(s) for " + address, () -> {
            try {
                received.add(0, smtp.messagesFor(address));
                return received.get(0).size() >= count;
            } catch (Exception e) {
                return false;
            }
        });
        return received.get(0);
    }

    protected QueuedMail queued(Mailer mailer, String id) {
        return mailer.queue(null, 1000).stream().filter(mail -> mail.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("message " + id + " is not in the queue"));
    }

    protected Mailer mailerQuietly() {
        try {
            return mailer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
