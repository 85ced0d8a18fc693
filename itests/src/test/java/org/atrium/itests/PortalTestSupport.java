package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;

/**
 * For tests of the client portal: clients that register with their mailed link and sign in with mailed codes,
 * requests to the portal's API as the page makes them, drop-off uploads.
 */
public abstract class PortalTestSupport extends MailTestSupport {

    /** An invitation's link, to this Karaf's web server: group 1 the page, 2 the token. */
    static Pattern link() {
        return Pattern.compile("(http://[^/:]+:" + System.getProperty(HTTP_PORT_PROPERTY)
                + "/portal/register)\\?token=([A-Za-z0-9_-]{43})");
    }
    static final Pattern MAILED_CODE = Pattern.compile("your access code is (\\d{6})");

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        // every request of these tests comes from 127.0.0.1: the per-address limit is not what they test
        options.add(editConfigurationFilePut("etc/atrium.portal.cfg", "requests.per.address", "1000"));
        // a limit a test can pass without sending 25 MB
        options.add(editConfigurationFilePut("etc/atrium.portal.cfg", "drop.off.max.mb", "1"));
        return options.toArray(Option[]::new);
    }

    /** Office 2 exists; staff has office 1. */
    @Before
    public void officesAndGrants() {
        if (get("/offices").body().indexOf("\"number\":2") < 0) {
            assertEquals(201, post("/offices", "{\"number\":2,\"name\":\"Uptown\"}").status());
        }
        assertEquals(200, put("/users/staff", "{\"offices\":[1]}").status());
    }

    protected void client(String clientId, String name, String email, String more) {
        Reply created = post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"" + name
                + "\",\"email\":\"" + email + "\",\"officeLocation\":1" + more + "}");
        assertEquals(created.body(), 201, created.status());
    }

    /** Invites, registers with the mailed link and signs in with the first mailed code: the session token. */
    protected String registerAndSignIn(String clientId, String email) throws Exception {
        return registerAndSignIn(clientId, email, 0);
    }

    /**
     * The same for an address that received {@code mailsBefore} mails already (of an earlier client): the
     * invitation is the next mail, the code the one after.
     */
    protected String registerAndSignIn(String clientId, String email, int mailsBefore) throws Exception {
        assertEquals(200, post("/clients/" + clientId + "/onboarding-email", "").status());
        assertEquals(200, portal("POST", "/api/v1/registrations", "{\"token\":\"" + link(email, mailsBefore + 1)
                .group(2) + "\"}", null).status());
        assertEquals(202, portal("POST", "/api/v1/access-codes", "{\"email\":\"" + email + "\"}", null).status());
        Reply session = portal("POST", "/api/v1/sessions", "{\"email\":\"" + email + "\",\"code\":\""
                + mailedCode(email, mailsBefore + 2) + "\"}", null);
        assertEquals(session.body(), 201, session.status());
        return session.json().get("token").asText();
    }

    protected Matcher link(String email) throws Exception {
        return link(email, 1);
    }

    /** The registration link in the {@code nth} mail to the address. */
    protected Matcher link(String email, int nth) throws Exception {
        ReceivedMail invitation = ReceivedMail.parse(bundleContext, awaitMessages(email, nth).get(nth - 1));
        Matcher link = link().matcher(invitation.part("text/plain").text());
        assertTrue(invitation.part("text/plain").text(), link.find());
        return link;
    }

    /** The code of the {@code nth} mail to the address. */
    protected String mailedCode(String email, int nth) throws Exception {
        ReceivedMail mail = ReceivedMail.parse(bundleContext, awaitMessages(email, nth).get(nth - 1));
        Matcher code = MAILED_CODE.matcher(mail.part("text/plain").text());
        assertTrue(mail.part("text/plain").text(), code.find());
        return code.group(1);
    }

    protected static Path karafData() {
        return Path.of(System.getProperty("karaf.data"));
    }

    protected Reply portal(String method, String path, String json, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                + System.getProperty(HTTP_PORT_PROPERTY) + "/portal" + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return exchange(request);
    }

    protected Reply upload(String bearer, String fileName, String type, byte[] content) {
        String boundary = "----atrium" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + System.getProperty(HTTP_PORT_PROPERTY)
                + "/portal/api/v1/drop-off")).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    protected Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    null, response.body(), response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Reply(-1, "", null, e.toString(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
