package org.atrium.sms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.atrium.api.sms.SmsDeliveryException;
import org.atrium.api.sms.SmsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The exact request Twilio's Messages API expects, against a local HTTP server playing Twilio. */
class TwilioSmsGatewayTest {

    record Received(String method, String path, String authorization, String contentType, String body) {
    }

    private HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private int status = 201;
    private String answer = "{\"sid\":\"SM123\",\"status\":\"queued\"}";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private TwilioSmsGateway gateway(Map<String, Object> settings) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("twilio_account_sid", "AC0123456789abcdef",
                "twilio_auth_token", "secret-token", "twilio_from", "+15550001111",
                "twilio_api_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/"));
        all.putAll(settings);
        return new TwilioSmsGateway(Configs.sms(all));
    }

    @Test
    void postsTheFormTwilioExpects() {
        gateway(Map.of()).send(new SmsMessage("1", "5551234567", "Your Smith & Co access code: 123456"));

        assertEquals(1, received.size());
        Received request = received.get(0);
        assertEquals("POST", request.method());
        assertEquals("/2010-04-01/Accounts/AC0123456789abcdef/Messages.json", request.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "AC0123456789abcdef:secret-token".getBytes(StandardCharsets.UTF_8)), request.authorization());
        assertTrue(request.contentType().startsWith("application/x-www-form-urlencoded"), request.contentType());
        assertEquals("To=%2B15551234567&From=%2B15550001111&Body=Your+Smith+%26+Co+access+code%3A+123456",
                request.body());
    }

    @Test
    void aMessagingServiceTakesThePlaceOfTheSender() {
        gateway(Map.of("twilio_messaging_service_sid", "MG42")).send(new SmsMessage("44", "7700900123", "x"));

        assertEquals("To=%2B447700900123&MessagingServiceSid=MG42&Body=x", received.get(0).body());
    }

    @Test
    void aRefusalSaysWhyWithoutTheNumber() {
        status = 400;
        answer = "{\"code\": 21211, \"message\": \"The 'To' number +15551234567 is not a valid phone number.\","
                + " \"status\": 400}";

        SmsDeliveryException refused = assertThrows(SmsDeliveryException.class,
                () -> gateway(Map.of()).send(new SmsMessage("1", "5551234567", "code 123456")));
        assertTrue(refused.getMessage().contains("HTTP 400"), refused.getMessage());
        assertTrue(refused.getMessage().contains("is not a valid phone number"), refused.getMessage());
        assertFalse(refused.getMessage().contains("5551234567"), refused.getMessage());
        assertFalse(refused.getMessage().contains("123456"), refused.getMessage());
    }

    @Test
    void withoutAnAccountNothingIsSent() {
        SmsDeliveryException missing = assertThrows(SmsDeliveryException.class,
                () -> gateway(Map.of("twilio_account_sid", "")).send(new SmsMessage("1", "5551234567", "x")));
        assertTrue(missing.getMessage().contains("twilio.account.sid"), missing.getMessage());
        assertTrue(received.isEmpty());
    }
}
