package org.atrium.api.client;

/** Where a client stands with the portal. */
public enum RegistrationStatus {
    /** No onboarding email sent yet (or the email address changed since). */
    PENDING,
    /** Onboarding email sent, not registered yet. */
    INVITED,
    /** Registered on the portal. */
    REGISTERED
}
