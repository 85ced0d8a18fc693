package org.atrium.mailer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

class SmtpDeliveryTest {

    @Test
    void aRecipientRefusedWith5xxIsFinal() throws Exception {
        SMTPAddressFailedException refused = new SMTPAddressFailedException(new InternetAddress("bob@example.com"),
                "RCPT TO:<bob@example.com>", 550, "550 5.1.1 User unknown");
        SendFailedException failure = new SendFailedException("Invalid Addresses", refused);

        assertTrue(SmtpDelivery.isPermanent(failure));
        assertTrue(SmtpDelivery.describe(failure).contains("550 5.1.1 User unknown"));
    }

    @Test
    void aTemporaryRefusalOrNoConnectionIsWorthARetry() throws Exception {
        SMTPAddressFailedException greylisted = new SMTPAddressFailedException(new InternetAddress("bob@example.com"),
                "RCPT TO:<bob@example.com>", 451, "451 4.7.1 Try again later");
        assertFalse(SmtpDelivery.isPermanent(new SendFailedException("Invalid Addresses", greylisted)));
        assertFalse(SmtpDelivery.isPermanent(new MessagingException("Couldn't connect to host",
                new ConnectException("Connection refused"))));
    }

    @Test
    void securityModesSetTheMatchingJakartaMailProperties() {
        Properties starttls = SmtpDelivery.properties(Configs.mailer(Map.of("smtp_host", "smtp.example.com")));
        assertEquals("true", starttls.getProperty("mail.smtp.starttls.required"));
        assertEquals("587", starttls.getProperty("mail.smtp.port"));

        Properties ssl = SmtpDelivery.properties(Configs.mailer(Map.of("smtp_host", "smtp.example.com",
                "smtp_security", "ssl", "smtp_port", 465)));
        assertEquals("smtps", ssl.getProperty("mail.transport.protocol"));
        assertEquals("465", ssl.getProperty("mail.smtps.port"));

        Properties none = SmtpDelivery.properties(Configs.mailer(Map.of("smtp_host", "127.0.0.1",
                "smtp_security", "none")));
        assertEquals(null, none.getProperty("mail.smtp.starttls.enable"));
        assertEquals("false", none.getProperty("mail.smtp.auth"));
    }
}
