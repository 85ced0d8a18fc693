package org.atrium.sms.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.atrium.api.sms.SmsDeliveryException;
import org.atrium.api.sms.SmsGateway;
import org.atrium.api.sms.SmsMessage;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The embedded default: each message becomes a file in data/atrium/sms-outbox ({@code To:} line, blank
 * line, text), readable by the owner only, so a firm can try the portal without an SMS provider.
 */
@Component(property = SmsGateway.NAME + "=outbox")
public class OutboxSmsGateway implements SmsGateway {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final Clock clock;

    @Activate
    public OutboxSmsGateway(BundleContext context) {
        this(outboxFolder(context), Clock.systemUTC());
    }

    OutboxSmsGateway(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    private static Path outboxFolder(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data, "atrium", "sms-outbox") : context.getDataFile("sms-outbox").toPath();
    }

    @Override
    public void send(SmsMessage message) {
        String name = FILE_TIME.format(clock.instant()) + "-" + UUID.randomUUID();
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve(name + ".tmp");
            Files.writeString(temporary, "To: " + message.e164() + "\n\n" + message.text() + "\n",
                    StandardCharsets.UTF_8);
            OwnerOnly.restrict(temporary);
            Files.move(temporary, folder.resolve(name + ".txt"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SmsDeliveryException("cannot write to the SMS outbox " + folder + ": " + e.getMessage(), e);
        }
    }
}
