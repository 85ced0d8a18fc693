package org.atrium.api.portal;

import java.util.Optional;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.Person;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.security.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The portal's people as the register knows them: onboarding invitations, registration with the link of one,
 * finding a person by email, sign-ins. The same clients as {@link org.atrium.api.client.ClientRegister}, the
 * same rules: each call is one transaction with its audit entry.
 * <p>
 * The service itself acts as {@link Actor#SYSTEM} and reaches every office, as the portal does for the person
 * signed in. Work done for a staff member (sending an invitation) goes through {@link #as(Actor)}, which reaches
 * only the member's office locations and audits under their name.
 */
@ProviderType
public interface PortalIdentity {

    /** This service as seen by an actor: only clients of the actor's office locations, audited under their name. */
    PortalIdentity as(Actor actor);

    /**
     * Records an onboarding email being sent: its token hashes replace the earlier ones (whose links stop
     * working), the status becomes {@code INVITED} (a registered client stays {@code REGISTERED}) and an
     * earlier delivery error is cleared. Audited.
     *
     * @throws ClientValidationException if the client's portal access is off
     */
    Client recordInvitation(String clientId, Invitation invitation);

    /** Records that the last onboarding email could not be delivered, and why. Audited. */
    Client recordInvitationFailure(String clientId, String error);

    /**
     * Registers the person whose onboarding link carries this token (taxpayer or spouse): their registration
     * time is recorded, the client becomes {@code REGISTERED} and the token stops working. Audited under the
     * client's name. A person who changes their email must register again with a new onboarding email.
     *
     * @param token the token of the link, as the person received it
     * @throws RegistrationRejectedException if no person has this token (mistyped, forged, used already,
     *         replaced by a newer onboarding email) or it expired; nothing is changed
     * @throws PortalAccessOffException if the client's portal access is off; nothing is changed
     */
    PortalPerson registerPerson(String token);

    /**
     * The taxpayer or spouse whose current email this is (case-insensitive), registered or not. Reaches every
     * office: for the portal, which acts for the person, not for staff.
     */
    Optional<PortalPerson> findPortalPerson(String email);

    /** Records that the person signed in to the portal ({@code lastSignInAt}). Audited under their name. */
    Client recordSignIn(String clientId, Person person);
}
