package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Invitations end to end: the default client instruction rendered for each person, delivered by a real
 * SMTP server, statuses and delivery failures on the client, office scoping, template administration.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OnboardingIT extends MailTestSupport {

    /** The link points to this Karaf's web server: its port, not a fixed 8181. */
    private static Pattern link() {
        return Pattern.compile("http://[^/:]+:" + System.getProperty(HTTP_PORT_PROPERTY)
                + "/portal/register\\?token=([A-Za-z0-9_-]{43})");
    }

    @Before
    public void officesAndGrants() {
        if (get("/offices").body().indexOf("\"number\":2") < 0) {
            assertEquals(201, post("/offices", "{\"number\":2,\"name\":\"Uptown\"}").status());
        }
        assertEquals(200, put("/users/staff", "{\"offices\":[2]}").status());
    }

    private String client(String clientId, String name, String email, int office, String spouse) {
        String json = "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"" + name + "\",\"email\":\""
                + email + "\",\"officeLocation\":" + office + (spouse == null ? "" : ",\"marriedFilingJointly\":true,"
                + "\"spouse\":" + spouse) + "}";
        Reply created = post("/clients", json);
        assertEquals(created.body(), 201, created.status());
        return clientId;
    }

    private static String token(ReceivedMail mail) {
        Matcher link = link().matcher(mail.part("text/plain").text());
        assertTrue(mail.part("text/plain").text(), link.find());
        assertTrue("the HTML body links the same address", mail.part("text/html").text().contains(link.group()));
        return link.group(1);
    }

    private ReceivedMail onlyMailFor(String address) throws Exception {
        List<String> messages = awaitMessages(address, 1);
        assertEquals("exactly one mail for " + address, 1, messages.size());
        return ReceivedMail.parse(bundleContext, messages.get(0));
    }

    @Test
    public void bulkInvitingDeliversOneMailPerPersonAndSkipsClientsWithoutPortalAccess() throws Exception {
        String single = client("S" + run, "Ann Single", "ann-" + run + "@example.com", 1, null);
        String couple = client("C" + run, "Tom Couple", "tom-" + run + "@example.com", 2,
                "{\"name\":\"Tina Couple\",\"email\":\"tina-" + run + "@example.com\"}");
        String off = client("X" + run, "Olga Off", "olga-" + run + "@example.com", 1, null);
        assertEquals(200, put("/clients/" + off + "/portal-access", "{\"enabled\":false}").status());

        Reply bulk = post("/clients/bulk", "{\"action\":\"SEND_ONBOARDING_EMAIL\",\"clientIds\":[\"" + single + "\",\""
                + couple + "\",\"" + off + "\"]}");

        assertEquals(bulk.body(), 200, bulk.status());
        assertEquals(2, bulk.json().get("succeeded").asInt());
        assertEquals(off, bulk.json().get("failed").get(0).get("clientId").asText());
        assertTrue(bulk.body(), bulk.json().get("failed").get(0).get("reason").asText().contains("Portal access is off"));

        ReceivedMail ann = onlyMailFor("ann-" + run + "@example.com");
        ReceivedMail tom = onlyMailFor("tom-" + run + "@example.com");
        ReceivedMail tina = onlyMailFor("tina-" + run + "@example.com");
        assertEquals("Our firm: your secure client portal", ann.subject());
        assertTrue(ann.part("text/plain").text().startsWith("Dear Ann Single,"));
        assertTrue(ann.part("text/plain").text().contains("Main Office"));
        assertTrue(tom.part("text/plain").text().startsWith("Dear Tom Couple,"));
        assertTrue(tom.part("text/plain").text().contains("Uptown"));
        assertTrue("the spouse is addressed by her own name", tina.part("text/plain").text().startsWith("Dear Tina Couple,"));
        assertNotEquals("each person has their own link", token(tom), token(tina));
        token(ann);
        assertEquals(List.of(), smtp.messagesFor("olga-" + run + "@example.com"));

        JsonNode invited = get("/clients/" + couple).json();
        assertEquals("INVITED", invited.get("status").asText());
        assertTrue(invited.get("invitationExpiresAt").asText().compareTo(invited.get("invitedAt").asText()) > 0);
        assertEquals("INVITED", get("/clients/" + single).json().get("status").asText());
        assertEquals("PENDING", get("/clients/" + off).json().get("status").asText());
    }

    @Test
    public void theFirmIsSetOnceAtTheConsoleAndEveryInvitationAndPreviewUsesIt() throws Exception {
        try {
            String shown = executeCommand("atrium:firm --name \"Smith & Co CPAs\" --email office@smithco.example "
                    + "--public-url https://portal.smithco.example/");
            assertTrue(shown, shown.contains("Name:           Smith & Co CPAs"));
            assertTrue(shown, shown.contains("Public address: https://portal.smithco.example\n"));
            String refused = refusedCommand("atrium:firm --email \"office at smithco\"");
            assertTrue(refused, refused.contains("'office at smithco' is not an email address"));
            assertTrue("nothing was changed", executeCommand("atrium:firm").contains("Email:          office@smithco.example"));

            String clientId = client("P" + run, "Pia Public", "pia-" + run + "@example.com", 1, null);
            assertEquals(200, post("/clients/" + clientId + "/onboarding-email", "{}").status());

            ReceivedMail pia = onlyMailFor("pia-" + run + "@example.com");
            assertEquals("Smith & Co CPAs: your secure client portal", pia.subject());
            assertTrue(pia.part("text/plain").text(), pia.part("text/plain").text()
                    .contains("https://portal.smithco.example/portal/register?token="));
            String instructionId = get("/instructions").json().get(0).get("id").asText();
            JsonNode preview = post("/instructions/" + instructionId + "/preview", "{}").json();
            assertTrue(preview.toString(), preview.get("text").asText()
                    .contains("https://portal.smithco.example/portal/register?token=PREVIEW"));
        } finally {
            executeCommand("atrium:firm --name \"\" --email \"\" --public-url \"\"");
        }
        assertTrue(executeCommand("atrium:firm").contains("Public address: (not set)"));
    }

    /** What a command that fails prints: its error. */
    private String refusedCommand(String command) {
        try {
            return "not refused: " + executeCommand(command);
        } catch (AssertionError e) {
            return String.valueOf(e.getCause());
        }
    }

    @Test
    public void sendingAgainReplacesTheLink() throws Exception {
        String clientId = client("R" + run, "Rita Resend", "rita-" + run + "@example.com", 1, null);
        Reply first = post("/clients/" + clientId + "/onboarding-email", "");
        assertEquals(first.body(), 200, first.status());
        assertEquals("INVITED", first.json().get("status").asText());
        String firstToken = token(ReceivedMail.parse(bundleContext, awaitMessages("rita-" + run + "@example.com", 1).get(0)));

        assertEquals(200, post("/clients/" + clientId + "/onboarding-email", "").status());
        List<String> both = awaitMessages("rita-" + run + "@example.com", 2);
        String secondToken = token(ReceivedMail.parse(bundleContext, both.get(1)));

        assertNotEquals(firstToken, secondToken);
        String console = executeCommand("atrium:invite " + clientId + " NOPE" + run);
        assertTrue(console, console.contains(clientId + ": INVITED") && console.contains("NOPE" + run + ": not sent."));
        awaitMessages("rita-" + run + "@example.com", 3);
        JsonNode trail = get("/audit?clientId=" + clientId).json().get("items");
        assertEquals("INVITATION_SENT", trail.get(1).get("action").asText());
        assertEquals("admin", trail.get(1).get("user").asText());
        assertEquals("the console user", "admin", trail.get(0).get("user").asText());
    }

    @Test
    public void staffCannotInviteAClientOfAnotherOffice() {
        String foreign = client("F" + run, "Fay Foreign", "fay-" + run + "@example.com", 1, null);
        String mine = client("M" + run, "Max Mine", "max-" + run + "@example.com", 2, null);

        assertEquals(404, as("staff", STAFF_PASSWORD, "POST", "/clients/" + foreign + "/onboarding-email", "").status());
        Reply byFilter = as("staff", STAFF_PASSWORD, "POST", "/clients/bulk",
                "{\"action\":\"SEND_ONBOARDING_EMAIL\",\"filter\":{\"q\":\"" + run + "\"}}");
        assertEquals(byFilter.body(), 200, byFilter.status());
        assertEquals(1, byFilter.json().get("requested").asInt());
        assertEquals("PENDING", get("/clients/" + foreign).json().get("status").asText());
        assertEquals("INVITED", get("/clients/" + mine).json().get("status").asText());
    }

    @Test
    public void anUndeliverableInvitationShowsOnTheClientAndInTheFilter() throws Exception {
        String clientId = client("U" + run, "Uma Undelivered", "uma-" + run + "@example.com", 1, null);
        smtp.stop();
        assertEquals(200, post("/clients/" + clientId + "/onboarding-email", "").status());

        await("the failure to reach the client", () -> get("/clients/" + clientId).json()
                .hasNonNull("lastInvitationError"));
        JsonNode failed = get("/clients/" + clientId).json();
        assertTrue(failed.get("lastInvitationError").asText().contains("not delivered"));
        assertTrue(failed.hasNonNull("lastInvitationErrorAt"));
        List<String> listed = new java.util.ArrayList<>();
        get("/clients?invitationFailed=true&q=" + run).json().get("items")
                .forEach(item -> listed.add(item.get("clientId").asText()));
        assertEquals(List.of(clientId), listed);

        smtp.start();
        assertEquals(200, post("/clients/" + clientId + "/onboarding-email", "").status());
        assertFalse("sending again clears the error", get("/clients/" + clientId).json().hasNonNull("lastInvitationError"));
        awaitMessages("uma-" + run + "@example.com", 1);
    }

    @Test
    public void administratorsManageTheTemplatesAndTheDefaultIsWhatClientsGet() throws Exception {
        Reply unknown = post("/instructions", "{\"name\":\"Bad\",\"subject\":\"Hi\",\"body\":\"<p>Dear {{clientName}}</p>\\n"
                + "<p>{{taxYear}}</p>\"}");
        assertEquals(400, unknown.status());
        assertTrue(unknown.body(), unknown.body().contains("{{taxYear}}") && unknown.body().contains("line 2, column 4"));

        Reply created = post("/instructions", "{\"name\":\"Spring " + run + "\",\"subject\":\"{{firmName}} portal for "
                + "{{clientName}}\",\"body\":\"<p>Hello {{clientName}} &amp; {{spouseName}}: <a href=\\\"{{registrationLink}}\\\">"
                + "start</a> before {{linkExpiresOn}}.</p>\"}");
        assertEquals(created.body(), 201, created.status());
        String id = created.json().get("id").asText();
        assertFalse(created.json().get("default").asBoolean());
        assertEquals(403, as("staff", STAFF_PASSWORD, "GET", "/instructions", null).status());
        assertEquals(403, as("staff", STAFF_PASSWORD, "PUT", "/instructions/" + id + "/default", "").status());

        String previous = null;
        for (JsonNode template : get("/instructions").json()) {
            if (template.get("default").asBoolean()) {
                previous = template.get("id").asText();
            }
        }
        assertEquals(409, delete("/instructions/" + previous).status());
        assertEquals(200, put("/instructions/" + id + "/default", "").status());
        try {
            String clientId = client("T" + run, "Tess <Template>", "tess-" + run + "@example.com", 1, null);
            Reply preview = post("/instructions/" + id + "/preview", "{\"clientId\":\"" + clientId + "\"}");
            assertEquals(preview.body(), 200, preview.status());
            assertTrue(preview.json().get("html").asText().contains("Tess &lt;Template&gt;"));

            assertEquals(200, post("/clients/" + clientId + "/onboarding-email", "").status());
            ReceivedMail mail = onlyMailFor("tess-" + run + "@example.com");
            assertEquals("Our firm portal for Tess <Template>", mail.subject());
            assertTrue(mail.part("text/html").text().contains("Hello Tess &lt;Template&gt; &amp; :"));
            token(mail);
        } finally {
            assertEquals(200, put("/instructions/" + previous + "/default", "").status());
        }
        assertEquals(204, delete("/instructions/" + id).status());
        assertEquals(404, get("/instructions/" + id).status());
        String console = executeCommand("atrium:instructions-list");
        assertTrue(console, console.contains(previous.substring(0, 8))); // IDs show their first 8 characters
    }
}
