package org.atrium.sms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.atrium.api.sms.SmsDeliveryException;
import org.atrium.api.sms.SmsGateway;
import org.atrium.api.sms.SmsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxSmsGatewayTest {

    @TempDir
    Path folder;

    @Test
    void eachMessageIsAnOwnerOnlyFile() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC);
        new OutboxSmsGateway(folder, clock).send(new SmsMessage("1", "5551234567", "Your access code: 123456"));

        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.toList();
        }
        assertEquals(1, files.size());
        Path file = files.get(0);
        assertEquals(true, file.getFileName().toString().matches("20261123T101500Z-[0-9a-f-]{36}\\.txt"));
        assertEquals("To: +15551234567\n\nYour access code: 123456\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theSenderUsesTheConfiguredGatewayAndSaysWhenItIsMissing() {
        ConfiguredSmsSender sender = new ConfiguredSmsSender(Configs.sms(Map.of("gateway", "acme")));
        StringBuilder sent = new StringBuilder();
        SmsGateway acme = message -> sent.append(message.e164());
        sender.addGateway(new OutboxSmsGateway(folder, Clock.systemUTC()), Map.of(SmsGateway.NAME, "outbox"));

        SmsDeliveryException missing = assertThrows(SmsDeliveryException.class,
                () -> sender.send(new SmsMessage("1", "5551234567", "x")));
        assertEquals(true, missing.getMessage().contains("'acme'"), missing.getMessage());

        sender.addGateway(acme, Map.of(SmsGateway.NAME, "acme"));
        sender.send(new SmsMessage("1", "5551234567", "x"));
        assertEquals("+15551234567", sent.toString());

        sender.removeGateway(acme, Map.of(SmsGateway.NAME, "acme"));
        assertThrows(SmsDeliveryException.class, () -> sender.send(new SmsMessage("1", "5551234567", "x")));
    }
}
