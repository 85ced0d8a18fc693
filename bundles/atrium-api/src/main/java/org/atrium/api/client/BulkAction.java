package org.atrium.api.client;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One action that the bulk endpoint can apply to many clients, registered as an OSGi service. Atrium
 * provides {@code DELETE}, {@code ENABLE_PORTAL_ACCESS} and {@code DISABLE_PORTAL_ACCESS}; other bundles
 * (onboarding, a firm's own) add theirs, and the action becomes available while its bundle runs.
 */
@ConsumerType
public interface BulkAction {

    /** Service property naming the action, e.g. {@code DELETE}; upper case, unique. */
    String NAME = "atrium.bulk.action";

    /**
     * Applies the action to one client, in its own transaction.
     *
     * @param register the register as the user who asked for the action ({@link ClientRegister#as}):
     *        use it for every read and change, so the user's office locations and the audit trail apply
     *
     * @throws AtriumException (or another runtime exception) if this client cannot be processed; the
     *         message becomes the reason in the bulk result and the other clients go on
     */
    void apply(ClientRegister register, String clientId);

    /**
     * Called once before a bulk run: throw {@link ServiceUnavailableException} when something the action
     * needs is missing (e.g. the mailer), so the whole request fails with 503 instead of every client.
     */
    default void checkAvailable() {
    }
}
