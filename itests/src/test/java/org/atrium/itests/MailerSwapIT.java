package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.atrium.api.mail.MailMessage;
import org.atrium.api.mail.MailState;
import org.atrium.api.mail.Mailer;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Hot swap of the mailer: removing the atrium-mailer feature at runtime leaves the rest of Atrium working
 * and loses no queued message. (A class of its own: this test code must not use Jakarta Mail itself, or
 * removing the feature would refresh the test bundle along with it.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MailerSwapIT extends MailTestSupport {

    @Test
    public void theQueueSurvivesRemovingAndReinstallingTheMailerFeature() throws Exception {
        smtp.stop();
        String to = "carol-" + run + "@example.com";
        String id = mailer().send(MailMessage.text(to, "Queued across a feature swap", "Hello Carol"));
        await("a failed first attempt", () -> queued(mailerQuietly(), id).attempts() >= 1);

        removeTheMailer();
        assertEquals("the rest of the API keeps answering", 200, get("/clients").status());
        assertEquals("the mail queue endpoint left with the mailer", 404, get("/mail/outbox").status());

        smtp.start();
        executeCommand("feature:install atrium-mailer");
        awaitMessages(to, 1);
        await("the queue to show the message as sent", () -> queued(mailerQuietly(), id).state() == MailState.SENT);
        assertEquals("delivered exactly once", 1, smtp.messagesFor(to).size());
    }

    @Test
    public void aBulkJobWaitsWhileTheMailerIsAwayAndGoesOnWhenItIsBack() throws Exception {
        String clientId = "V" + run;
        String email = "vera-" + run + "@example.com";
        client(clientId, "Vera Waiting", email);
        removeTheMailer();

        Reply accepted = post("/clients/bulk", "{\"action\":\"SEND_ONBOARDING_EMAIL\",\"clientIds\":[\"" + clientId
                + "\"],\"background\":true}");
        assertEquals(accepted.body(), 202, accepted.status());
        String job = "/bulk-jobs/" + accepted.json().get("id").asText();
        await("the job to wait for the mailer", () -> get(job).json().get("state").asText().equals("WAITING"));
        assertTrue(get(job).body(), get(job).json().get("waitingFor").asText().contains("atrium-mailer"));
        assertEquals("nothing sent yet", "PENDING", get("/clients/" + clientId).json().get("status").asText());

        executeCommand("feature:install atrium-mailer");
        await("the job to be done", () -> get(job).json().get("state").asText().equals("DONE"));
        assertEquals(get(job).body(), 1, get(job).json().get("succeeded").asInt());
        awaitMessages(email, 1);
        assertEquals("INVITED", get("/clients/" + clientId).json().get("status").asText());
    }

    @Test
    public void withoutTheMailerInvitationsAnswer503AndComeBackWithIt() throws Exception {
        String clientId = "W" + run;
        String email = "walt-" + run + "@example.com";
        client(clientId, "Walt Swap", email);

        removeTheMailer();

        Reply single = post("/clients/" + clientId + "/onboarding-email", "");
        assertEquals(single.body(), 503, single.status());
        assertEquals("application/problem+json", single.contentType());
        assertTrue(single.body(), single.json().get("detail").asText().contains("atrium-mailer"));
        Reply bulk = post("/clients/bulk", "{\"action\":\"SEND_ONBOARDING_EMAIL\",\"clientIds\":[\"" + clientId + "\"]}");
        assertEquals(bulk.body(), 503, bulk.status());
        assertEquals("nothing changed", "PENDING", get("/clients/" + clientId).json().get("status").asText());
        assertEquals("the rest of the API keeps answering", 200, get("/clients/" + clientId).status());
        assertEquals(200, get("/instructions").status());

        executeCommand("feature:install atrium-mailer");
        await("invitations to work again", () -> post("/clients/" + clientId + "/onboarding-email", "").status() == 200);
        awaitMessages(email, 1);
        assertTrue(smtp.messagesFor(email).get(0).contains("Walt Swap"));
        assertEquals("INVITED", get("/clients/" + clientId).json().get("status").asText());
    }

    private void client(String clientId, String name, String email) {
        assertEquals(201, post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\""
                + name + "\",\"email\":\"" + email + "\",\"officeLocation\":1}").status());
    }

    private void removeTheMailer() {
        executeCommand("feature:uninstall atrium-mailer");
        await("the mailer to be gone", () -> bundleContext.getServiceReference(Mailer.class) == null);
    }
}
