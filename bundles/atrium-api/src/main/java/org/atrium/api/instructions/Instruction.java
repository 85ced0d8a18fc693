package org.atrium.api.instructions;

/**
 * A client instruction: an onboarding email template. {@code subject} is plain text and {@code body} is
 * HTML, both with {@code {{placeholder}}}s ({@link Placeholders}). Exactly one template is the default, and
 * that one is sent to every client.
 *
 * @param id assigned by Atrium; {@code null} in a new template
 */
public record Instruction(String id, String name, String subject, String body, boolean isDefault) {
}
