package org.atrium.itests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWiring;

/**
 * A received message, parsed with Jakarta Mail as a mail client would. Only tests that keep the mailer
 * installed may use this: it wires the test bundle to the Jakarta Mail bundles.
 */
record ReceivedMail(String subject, String from, List<String> to, List<ReceivedMail.Part> parts) {

    Part part(String contentTypePrefix) {
        return parts.stream().filter(p -> p.contentType().toLowerCase().startsWith(contentTypePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + contentTypePrefix + " part in " + parts));
    }

    /** One leaf part: its content type, file name (attachments) and decoded content. */
    record Part(String contentType, String fileName, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Part[" + contentType + ", " + fileName + "]";
        }
    }

    /** Parses with the Angus Mail bundle as context class loader, where Jakarta Mail finds its providers. */
    static ReceivedMail parse(BundleContext context, String raw) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(bundleLoader(context, "org.eclipse.angus.mail"));
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
            List<Part> parts = new ArrayList<>();
            if (message.getContentType().toLowerCase().startsWith("multipart/")) {
                collect(new MimeMultipart(new ByteArrayDataSource(message.getRawInputStream(), message.getContentType())),
                        parts);
            } else {
                parts.add(new Part(message.getContentType(), null, message.getInputStream().readAllBytes()));
            }
            List<String> to = new ArrayList<>();
            for (var address : message.getAllRecipients()) {
                to.add(address.toString());
            }
            return new ReceivedMail(message.getSubject(), message.getFrom()[0].toString(), to, parts);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void collect(MimeMultipart multipart, List<Part> parts) throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContentType().toLowerCase().startsWith("multipart/")) {
                collect(new MimeMultipart(new ByteArrayDataSource(((MimeBodyPart) part).getRawInputStream(),
                        part.getContentType())), parts);
            } else {
                parts.add(new Part(part.getContentType(), part.getFileName(), part.getInputStream().readAllBytes()));
            }
        }
    }

    private static ClassLoader bundleLoader(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle.adapt(BundleWiring.class).getClassLoader();
            }
        }
        throw new IllegalStateException("bundle " + symbolicName + " is not installed");
    }
}
