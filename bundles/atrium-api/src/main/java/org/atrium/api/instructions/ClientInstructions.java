package org.atrium.api.instructions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atrium.api.security.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The onboarding email templates. Only administrators change them; every change is audited. There is
 * always exactly one default template.
 */
@ProviderType
public interface ClientInstructions {

    /** Every template, the default first, then by name. */
    List<Instruction> list();

    Optional<Instruction> find(String id);

    Instruction defaultInstruction();

    /**
     * @throws org.atrium.api.client.ClientValidationException naming an unknown placeholder and where it is
     * @throws org.atrium.api.client.AccessDeniedException if {@code by} is not an administrator
     */
    Instruction create(Instruction instruction, Actor by);

    /** Replaces name, subject and body; {@code isDefault} is ignored (see {@link #makeDefault}). */
    Instruction update(String id, Instruction instruction, Actor by);

    /** @throws org.atrium.api.client.ClientConflictException for the default template */
    void delete(String id, Actor by);

    Instruction makeDefault(String id, Actor by);

    /**
     * Fills a template in. Values are HTML-escaped in the HTML body and kept as they are in the subject and
     * the text body; {@code firmName} defaults to the configured firm name.
     */
    RenderedMail render(Instruction instruction, Map<String, String> values);
}
