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
    /** A staff member signed in in the browser (subject: the factors used, e.g. password and authenticator). */
    public static final String SIGNED_IN = "SIGNED_IN";
    /** A staff member changed their password; their other sessions ended. */
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    /** A staff member confirmed an authenticator app for two-factor sign-in. */
    public static final String MFA_ENROLLED = "MFA_ENROLLED";
    /** An administrator removed a user's authenticator and recovery codes. */
    public static final String MFA_RESET = "MFA_RESET";
    /** A user created a personal API token. */
    public static final String TOKEN_CREATED = "TOKEN_CREATED";
    /** An API token was used for the first time. */
    public static final String TOKEN_FIRST_USED = "TOKEN_FIRST_USED";
    /** An API token was revoked by its owner or an administrator. */
    public static final String TOKEN_REVOKED = "TOKEN_REVOKED";
    /**
     * An import was applied (subject: the import's ID and counts); each client it created or updated has
     * its own {@code CLIENT_CREATED}/{@code CLIENT_UPDATED} entry with the same subject.
     */
    public static final String IMPORT_APPLIED = "IMPORT_APPLIED";
    /** An import was reverted; each client it deleted or restored has its own entry. */
    public static final String IMPORT_REVERTED = "IMPORT_REVERTED";
    /**
     * An import that failed, or was cut off by a crash, after some of its rows were written (on Derby an import
     * commits chunk by chunk) had them taken back; each client deleted or restored has its own entry.
     */
    public static final String IMPORT_TAKEN_BACK = "IMPORT_TAKEN_BACK";
    /**
     * Someone exported the client list (subject: the format; changes: filter, columns, whether full tax IDs
     * were revealed), recorded before the first client leaves.
     */
    public static final String CLIENTS_EXPORTED = "CLIENTS_EXPORTED";

    /** A client (taxpayer or spouse) registered for the portal with the link of an onboarding email. */
    public static final String CLIENT_REGISTERED = "CLIENT_REGISTERED";
    /** A client signed in to the portal with an access code. */
    public static final String CLIENT_SIGNED_IN = "CLIENT_SIGNED_IN";
    /** Staff gave a client a temporary access code to pass on by phone (never the code itself). */
    public static final String ACCESS_CODE_ISSUED = "ACCESS_CODE_ISSUED";
    /** Staff unlocked a client's sign-in after too many wrong access codes. */
    public static final String SIGN_IN_UNLOCKED = "SIGN_IN_UNLOCKED";
    /** A client uploaded a document through the portal's drop-off. */
    public static final String DROP_OFF_RECEIVED = "DROP_OFF_RECEIVED";
    /** Staff listed or downloaded a client's drop-off uploads (or an administrator those of a deleted client). */
    public static final String DROP_OFF_READ = "DROP_OFF_READ";
    /**
     * A deleted client's drop-offs were detached (kept for the retention, for administrators only) or deleted,
     * with the client or when the retention ended.
     */
    public static final String DROP_OFF_REMOVED = "DROP_OFF_REMOVED";

    private AuditActions() {
    }
}
