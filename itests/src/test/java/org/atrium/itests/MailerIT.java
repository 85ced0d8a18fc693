package org.atrium.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.atrium.api.mail.MailAttachment;
import org.atrium.api.mail.MailMessage;
import org.atrium.api.mail.MailState;
import org.atrium.api.mail.Mailer;
import org.atrium.api.mail.QueuedMail;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The mailer against a real SMTP server (GreenMail) on loopback: what arrives, what happens while the
 * server is down, and what administrators see of the queue.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MailerIT extends MailTestSupport {

    @Test
    public void aMessageWithAnAttachmentArrivesIntact() throws Exception {
        String to = "ann-" + run + "@example.com";
        byte[] csv = "Row,Client ID,Column,Message\r\n2,000123,Email Address,\"Missing, sorry\"\r\nJosé Núñez\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] pdf = new byte[4096];
        new java.util.Random(42).nextBytes(pdf);
        String id = mailer().send(new MailMessage(List.of(to), "Client Import Failed – 1 error", "See the attached file.",
                "<p>See the <b>attached</b> file.</p>", List.of(new MailAttachment("errors.csv", "text/csv", csv),
                        new MailAttachment("scan.pdf", "application/pdf", pdf)), Map.of("job", run)));

        List<String> messages = awaitMessages(to, 1);
        ReceivedMail mail = ReceivedMail.parse(bundleContext, messages.get(0));

        assertEquals("Client Import Failed – 1 error", mail.subject());
        assertEquals("Smith & Co <office@firm.example>", mail.from());
        assertEquals(List.of(to), mail.to());
        assertTrue(mail.part("text/plain").text().contains("See the attached file."));
        assertTrue(mail.part("text/html").text().contains("<b>attached</b>"));
        assertArrayEquals(csv, mail.parts().stream().filter(p -> "errors.csv".equals(p.fileName())).findFirst()
                .orElseThrow().content());
        assertArrayEquals(pdf, mail.parts().stream().filter(p -> "scan.pdf".equals(p.fileName())).findFirst()
                .orElseThrow().content());
        await("the queue to show the message as sent", () -> queued(mailerQuietly(), id).state() == MailState.SENT);
        assertEquals("sent once", 1, smtp.messagesFor(to).size());
    }

    @Test
    public void whileTheServerIsDownMessagesWaitAndAreDeliveredOnceWhenItIsBack() throws Exception {
        smtp.stop();
        String to = "bob-" + run + "@example.com";
        String id = mailer().send(MailMessage.text(to, "Welcome", "Hello Bob"));

        await("a failed first attempt", () -> queued(mailerQuietly(), id).attempts() >= 1);
        QueuedMail waiting = queued(mailer(), id);
        assertEquals(MailState.QUEUED, waiting.state());
        assertTrue(waiting.lastError(), waiting.lastError().contains("127.0.0.1"));

        smtp.start();
        awaitMessages(to, 1);
        await("the queue to show the message as sent", () -> queued(mailerQuietly(), id).state() == MailState.SENT);
        assertTrue(queued(mailer(), id).attempts() >= 2);
        Thread.sleep(3_000); // longer than the retry interval: a second delivery would have happened by now
        assertEquals("delivered exactly once", 1, smtp.messagesFor(to).size());
    }

    @Test
    public void administratorsSeeTheQueueAndWhatFailed() throws Exception {
        smtp.stop();
        String to = "dave-" + run + "@example.com";
        String id = mailer().send(MailMessage.text(to, "Never delivered", "Hello Dave"));
        await("the message to fail after the last retry", () -> queued(mailerQuietly(), id).state() == MailState.FAILED);

        Reply failed = get("/mail/outbox?state=FAILED");
        assertEquals(failed.body(), 200, failed.status());
        JsonNode entry = null;
        for (JsonNode mail : failed.json()) {
            if (mail.get("id").asText().equals(id)) {
                entry = mail;
            }
        }
        assertTrue(failed.body(), entry != null);
        assertEquals(6, entry.get("attempts").asInt());
        assertEquals(to, entry.get("to").get(0).asText());
        assertTrue(entry.get("lastError").asText().length() > 0);

        assertEquals(403, as("staff", STAFF_PASSWORD, "GET", "/mail/outbox", null).status());
        Reply badState = get("/mail/outbox?state=LOST");
        assertEquals(400, badState.status());
        assertTrue(badState.json().get("detail").asText().contains("LOST"));

        String console = executeCommand("atrium:mail-queue --state FAILED");
        // IDs show their first 8 characters, to keep the table within 80 columns
        assertTrue(console, console.contains(id.substring(0, 8)) && console.contains("FAILED"));
    }
}
