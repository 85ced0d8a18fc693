package org.atrium.api.mail;

import java.util.List;
import java.util.Map;

/**
 * A message to send. At least one recipient and a subject; a text body, an HTML body or both (both make a
 * multipart/alternative message).
 *
 * @param tags what the sender wants back in the delivery events ({@link MailTopics}), e.g. the client ID
 *        an invitation was for; never shown to recipients
 */
public record MailMessage(List<String> to, String subject, String text, String html, List<MailAttachment> attachments,
        Map<String, String> tags) {

    public MailMessage {
        to = List.copyOf(to);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static MailMessage text(String to, String subject, String text) {
        return new MailMessage(List.of(to), subject, text, null, List.of(), Map.of());
    }

    /** Leaves out the addresses and bodies, which may hold personal data. */
    @Override
    public String toString() {
        return "MailMessage[" + to.size() + " recipient(s), subject=" + subject + ", " + attachments.size()
                + " attachment(s), tags=" + tags.keySet() + "]";
    }
}
