package org.atrium.mailer.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.atrium.api.mail.MailAttachment;
import org.atrium.api.mail.MailMessage;

/** Turns a {@link MailMessage} into MIME: text and HTML as alternatives, attachments beside them. */
final class MimeMessages {

    private MimeMessages() {
    }

    /** Rejects what no server would take: no recipient, a malformed address, no subject. */
    static void check(MailMessage message) {
        if (message.to().isEmpty()) {
            throw new IllegalArgumentException("A message needs at least one recipient.");
        }
        for (String to : message.to()) {
            try {
                new InternetAddress(to, true).validate();
            } catch (AddressException e) {
                throw new IllegalArgumentException("Not an email address: '" + to + "'.", e);
            }
        }
        if (message.subject() == null || message.subject().isBlank()) {
            throw new IllegalArgumentException("A message needs a subject.");
        }
        if (message.text() == null && message.html() == null) {
            throw new IllegalArgumentException("A message needs a text or an HTML body.");
        }
    }

    /**
     * The message as an .eml file (RFC 5322), as it will be sent. Call it with the mail providers as context
     * class loader ({@link MailProviderClassLoader#run}).
     */
    static byte[] toEml(MailMessage message, InternetAddress from) throws MessagingException, IOException {
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
        mime.setFrom(from);
        for (String to : message.to()) {
            mime.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        }
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(new Date());
        MimeMultipart body = alternatives(message);
        if (message.attachments().isEmpty()) {
            if (body == null) {
                mime.setText(message.text(), StandardCharsets.UTF_8.name());
            } else {
                mime.setContent(body);
            }
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart content = new MimeBodyPart();
            if (body == null) {
                content.setText(message.text() != null ? message.text() : "", StandardCharsets.UTF_8.name());
            } else {
                content.setContent(body);
            }
            mixed.addBodyPart(content);
            for (MailAttachment attachment : message.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(
                        new ByteArrayDataSource(attachment.content(), attachment.contentType())));
                part.setFileName(attachment.fileName());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            mime.setContent(mixed);
        }
        mime.saveChanges();
        ByteArrayOutputStream eml = new ByteArrayOutputStream();
        mime.writeTo(eml);
        return eml.toByteArray();
    }

    /** multipart/alternative for text plus HTML; {@code null} for text only. An HTML-only mail is HTML. */
    private static MimeMultipart alternatives(MailMessage message) throws MessagingException {
        if (message.html() == null) {
            return null;
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (message.text() != null) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name());
            alternative.addBodyPart(text);
        }
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
        alternative.addBodyPart(html);
        return alternative;
    }

    static InternetAddress from(String address, String name) {
        try {
            return new InternetAddress(address, name == null || name.isBlank() ? null : name,
                    StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
