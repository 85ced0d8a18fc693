package org.atrium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST API from outside the distribution, for tests that prepare or check data: with HTTP Basic, or with
 * an API token.
 */
final class StaffApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    StaffApi(int httpPort, String user, String password) {
        this(httpPort, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private StaffApi(int httpPort, String authorization) {
        this.base = "http://localhost:" + httpPort + "/api/v1";
        this.authorization = authorization;
    }

    /** The API as a script holding a personal API token sees it. */
    static StaffApi withToken(int httpPort, String token) {
        return new StaffApi(httpPort, "Bearer " + token);
    }

    /** One answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Answer send(String method, String path, String json) {
        return send(method, path, json, "application/json");
    }

    /** A request with a body of any type ({@code body} null: none). */
    Answer send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    /** Sends and insists on the expected status. */
    JsonNode expect(int status, String method, String path, String json) {
        Answer answer = send(method, path, json);
        assertEquals(status, answer.status(), method + " " + path + ": " + answer.body());
        return answer.body().isEmpty() ? null : answer.json();
    }

    /** An individual client in an office; a spouse too when {@code spouseName} is given. */
    void createClient(String clientId, String name, String email, String taxId, int office, String spouseName) {
        String spouse = spouseName == null ? "" : ", \"spouse\": {\"name\": \"" + spouseName + "\", \"email\": \"spouse-"
                + email + "\"}";
        expect(201, "POST", "/clients", "{\"clientId\": \"" + clientId + "\", \"type\": \"INDIVIDUAL\", \"name\": \"" + name
                + "\", \"email\": \"" + email + "\", \"taxId\": \"" + taxId + "\", \"officeLocation\": " + office + spouse + "}");
    }
}
