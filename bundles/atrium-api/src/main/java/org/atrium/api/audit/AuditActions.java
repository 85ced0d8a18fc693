package org.atrium.api.audit;

/** The actions Atrium itself records. Other bundles record their own, named the same way. */
public final class AuditActions {

    public static final String CLIENT_CREATED = "CLIENT_CREATED";
    public static final String CLIENT_UPDATED = "CLIENT_UPDATED";
    public static final String CLIENT_DELETED = "CLIENT_DELETED";
    /** Someone read a client's full SSN/EIN. */
    public static final String TAX_ID_READ = "TAX_ID_READ";
    /** An onboarding email was sent to the client (and spouse). */
    public static final String INVITATION_SENT = "INVITATION_SENT";
    /** An onboarding email could not be delivered. */
    public static final String INVITATION_FAILED = "INVITATION_FAILED";
    public static final String OFFICE_CREATED = "OFFICE_CREATED";
    /** An administrator changed a user's office locations or email. */
    public static final String GRANT_CHANGED = "GRANT_CHANGED";
    public static final String SIGN_IN_FAILED = "SIGN_IN_FAILED";

    private AuditActions() {
    }
}
