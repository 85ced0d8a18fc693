package org.atrium.api.onboarding;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.osgi.annotation.versioning.ProviderType;

/** Sends clients the onboarding email that invites them to the portal. */
@ProviderType
public interface Onboarding {

    /**
     * Sends the default client instruction to the taxpayer and, for married filing jointly, to the spouse,
     * each with their own single-use registration link, and records the invitation (status
     * {@code INVITED}; a registered client stays {@code REGISTERED}). Sending again replaces the earlier
     * links. The mail is queued; delivery problems show later on the client ({@code lastInvitationError}).
     *
     * @param register the register as the user who asks (their offices, their name in the audit trail)
     * @throws org.atrium.api.client.ClientNotFoundException if the client is not there for that user
     * @throws org.atrium.api.client.ClientValidationException if the client's portal access is off
     * @throws org.atrium.api.client.ServiceUnavailableException if the mailer or the client instructions
     *         are not running
     */
    Client invite(ClientRegister register, String clientId);
}
