package org.atrium.api.instructions;

/** A template filled in for one person: the subject, a plain-text body and the HTML body. */
public record RenderedMail(String subject, String text, String html) {
}
