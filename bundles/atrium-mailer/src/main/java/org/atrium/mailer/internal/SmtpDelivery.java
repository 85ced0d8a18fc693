package org.atrium.mailer.internal;

import java.io.ByteArrayInputStream;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Hands one stored message to the configured SMTP server. */
final class SmtpDelivery {

    private SmtpDelivery() {
    }

    static void send(byte[] eml, MailerConfig config, InternetAddress sender) throws MessagingException {
        Session session = Session.getInstance(properties(config));
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(eml));
        // the From of the current configuration, should it have changed since the message was queued
        message.setFrom(sender);
        if (config.smtp_username().isBlank()) {
            Transport.send(message);
        } else {
            Transport.send(message, config.smtp_username(), config.smtp_password());
        }
    }

    static Properties properties(MailerConfig config) {
        Properties smtp = new Properties();
        String protocol = "ssl".equals(config.smtp_security()) ? "smtps" : "smtp";
        smtp.setProperty("mail.transport.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        smtp.setProperty(prefix + "host", config.smtp_host().strip());
        smtp.setProperty(prefix + "port", String.valueOf(config.smtp_port()));
        smtp.setProperty(prefix + "connectiontimeout", String.valueOf(config.connect_timeout()));
        smtp.setProperty(prefix + "timeout", String.valueOf(config.read_timeout()));
        smtp.setProperty(prefix + "writetimeout", String.valueOf(config.read_timeout()));
        smtp.setProperty(prefix + "auth", String.valueOf(!config.smtp_username().isBlank()));
        if ("starttls".equals(config.smtp_security())) {
            smtp.setProperty(prefix + "starttls.enable", "true");
            smtp.setProperty(prefix + "starttls.required", "true");
        }
        if (!"none".equals(config.smtp_security())) {
            smtp.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return smtp;
    }

    /**
     * Whether the server refused the message for good (a 5xx reply to the sender, a recipient or the data),
     * so trying again cannot help. Everything else (no connection, timeouts, 4xx) is worth a retry.
     */
    static boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SMTPAddressFailedException address && address.getReturnCode() >= 500) {
                return true;
            }
            if (cause instanceof SMTPSendFailedException send && send.getReturnCode() >= 500) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable failure) {
        if (failure instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return failure.getCause() == failure ? null : failure.getCause();
    }

    /** The most telling message of a failure and its causes, for the queue and the client record. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 500; cause = next(cause)) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message.strip()) < 0) {
                if (text.length() > 0) {
                    text.append(" / ");
                }
                text.append(message.strip());
            }
        }
        return text.length() == 0 ? failure.getClass().getSimpleName() : text.toString();
    }
}
