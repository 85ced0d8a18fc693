package org.atrium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the shipped administrator does at the first sign-in to a new installation, over the API as the page does
 * it (and as the README shows with curl): admin/admin, a new password, an authenticator app, then a personal API
 * token for scripts.
 */
final class FirstSignIn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String cookie;
    private String csrfToken;

    private FirstSignIn(int httpPort) {
        base = "http://localhost:" + httpPort + "/api/v1";
    }

    /** Takes the shipped admin through the first sign-in; answers an API token of admin's. */
    static String ofTheShippedAdministrator(int httpPort, String newPassword) throws Exception {
        FirstSignIn admin = new FirstSignIn(httpPort);
        JsonNode session = admin.send(200, "POST", "/session", "{\"username\": \"admin\", \"password\": \"admin\"}");
        assertEquals("CHANGE_PASSWORD", session.get("next").asText(), "the shipped password must be changed");
        JsonNode changed = admin.send(200, "PUT", "/me/password", "{\"currentPassword\": \"admin\", \"newPassword\": \""
                + newPassword + "\"}");
        assertEquals("SET_UP_MFA", changed.get("next").asText(), "two-factor sign-in is required as shipped");
        AuthenticatorApp phone = new AuthenticatorApp(admin.send(200, "POST", "/me/mfa", null).get("secret").asText());
        admin.send(200, "PUT", "/me/mfa", "{\"code\": \"" + phone.code(0) + "\"}");
        String in30Days = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        return admin.send(201, "POST", "/me/tokens", "{\"name\": \"tests\", \"expiresAt\": \"" + in30Days + "\"}")
                .get("token").asText();
    }

    private JsonNode send(int expected, String method, String path, String json) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (cookie != null) {
            request.header("Cookie", cookie).header("X-CSRF-Token", csrfToken);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, answer.statusCode(), method + " " + path + ": " + answer.body());
        answer.headers().firstValue("Set-Cookie").ifPresent(set -> cookie = set.substring(0, set.indexOf(';')));
        JsonNode body = JSON.readTree(answer.body());
        if (body.has("csrfToken")) {
            csrfToken = body.get("csrfToken").asText();
        }
        return body;
    }
}
