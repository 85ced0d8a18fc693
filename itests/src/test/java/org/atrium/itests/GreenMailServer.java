package org.atrium.itests;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real SMTP server on loopback: GreenMail standalone in a process of its own, started and stopped by the
 * test (to play an SMTP server that is down), and read through GreenMail's HTTP API.
 */
final class GreenMailServer implements AutoCloseable {

    static final String JAR_PROPERTY = "atrium.greenmail.jar";

    private final int smtpPort;
    private final int apiPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    GreenMailServer(int smtpPort, int apiPort) {
        this.smtpPort = smtpPort;
        this.apiPort = apiPort;
    }

    int smtpPort() {
        return smtpPort;
    }

    void start() throws IOException, InterruptedException {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("GreenMail standalone not found at '" + jar + "' (mvn pre-integration-test copies it)");
        }
        process = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                "-Dgreenmail.auth.disabled", "-jar", jar)
                .redirectErrorStream(true).redirectOutput(new File("greenmail-" + smtpPort + ".log")).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (listening(smtpPort) && listening(apiPort)) {
                return;
            }
            Thread.sleep(100); // polling interval
        }
        throw new IllegalStateException("GreenMail did not start on port " + smtpPort);
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The raw messages GreenMail received for the address. */
    List<String> messagesFor(String address) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                + "/api/user/" + address + "/messages/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        List<String> messages = new ArrayList<>();
        if (response.statusCode() == 200) {
            for (JsonNode message : new ObjectMapper().readTree(response.body())) {
                messages.add(message.get("mimeMessage").asText());
            }
        }
        return messages;
    }
}
