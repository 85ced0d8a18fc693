package org.atrium.api.event;

/**
 * Event Admin topics published by Atrium's bundles (asynchronously, after the change is committed).
 * Events carry identifiers only, never tax IDs, emails or dates of birth.
 */
public final class AtriumTopics {

    /** Every client event: subscribe with {@code org/atrium/client/*}. */
    public static final String CLIENT_ALL = "org/atrium/client/*";
    public static final String CLIENT_CREATED = "org/atrium/client/CREATED";
    public static final String CLIENT_UPDATED = "org/atrium/client/UPDATED";
    public static final String CLIENT_DELETED = "org/atrium/client/DELETED";
    public static final String OFFICE_CREATED = "org/atrium/office/CREATED";
    /**
     * A client's portal access was turned on or off (besides its {@link #CLIENT_UPDATED}), with
     * {@link #PROPERTY_PORTAL_ACCESS}. An import's changes have only their {@link #CLIENT_UPDATED} events.
     */
    public static final String CLIENT_PORTAL_ACCESS_CHANGED = "org/atrium/client/PORTAL_ACCESS_CHANGED";

    /** The onboarding email went to the client (and spouse): queued for delivery, with {@link #PROPERTY_RECIPIENTS}. */
    public static final String INVITATION_SENT = "org/atrium/onboarding/INVITATION_SENT";

    /** Every portal event: subscribe with {@code org/atrium/portal/*}. */
    public static final String PORTAL_ALL = "org/atrium/portal/*";
    /** A taxpayer or spouse registered for the portal with their link, with {@link #PROPERTY_PERSON}. */
    public static final String CLIENT_REGISTERED = "org/atrium/portal/REGISTERED";
    /**
     * A person dropped off a file in the portal, with {@link #PROPERTY_PERSON}, {@link #PROPERTY_DROP_OFF_ID} and
     * {@link #PROPERTY_SIZE}; not its name, which may say anything.
     */
    public static final String DROP_OFF_RECEIVED = "org/atrium/portal/DROP_OFF_RECEIVED";

    /** Every import event: subscribe with {@code org/atrium/import/*}. */
    public static final String IMPORT_ALL = "org/atrium/import/*";
    /**
     * An import was applied (committed). Its clients have their own {@link #CLIENT_CREATED} and
     * {@link #CLIENT_UPDATED} events, carrying {@link #PROPERTY_IMPORT_ID}.
     */
    public static final String IMPORTED = "org/atrium/import/IMPORTED";
    /**
     * An import was reverted (committed). The clients it deleted and restored have their own
     * {@link #CLIENT_DELETED} and {@link #CLIENT_UPDATED} events, carrying {@link #PROPERTY_IMPORT_ID}.
     */
    public static final String IMPORT_REVERTED = "org/atrium/import/IMPORT_REVERTED";

    /** A user's second factor was reset: whatever they signed in with before must end. */
    public static final String USER_MFA_RESET = "org/atrium/user/MFA_RESET";
    /** Event property: the user name (String), on user events. */
    public static final String PROPERTY_USERNAME = "username";

    /** Event property: the client ID (String). */
    public static final String PROPERTY_CLIENT_ID = "clientId";
    /**
     * Event property: the client's reference (String), on every client event: the one identifier a client
     * keeps for good and never shares with another (client IDs and emails can be reused after a delete).
     */
    public static final String PROPERTY_CLIENT_REFERENCE = "clientReference";
    /** Event property: the client ID before a rename (String), on updates that changed it. */
    public static final String PROPERTY_PREVIOUS_CLIENT_ID = "previousClientId";
    /** Event property: the office location number (Integer). */
    public static final String PROPERTY_OFFICE = "office";
    /** Event property: the names of the fields that changed (String[]), on updates. */
    public static final String PROPERTY_CHANGED_FIELDS = "changedFields";

    /** Event property: portal access now (Boolean), on {@link #CLIENT_PORTAL_ACCESS_CHANGED}. */
    public static final String PROPERTY_PORTAL_ACCESS = "portalAccess";
    /** Event property: how many people an invitation went to (Integer), on {@link #INVITATION_SENT}. */
    public static final String PROPERTY_RECIPIENTS = "recipients";
    /** Event property: {@code taxpayer} or {@code spouse} (String), on portal events. */
    public static final String PROPERTY_PERSON = "person";
    /** Event property: the drop-off's ID (String), as staff's {@code /clients/{id}/drop-offs/{dropOffId}} names it. */
    public static final String PROPERTY_DROP_OFF_ID = "dropOffId";
    /** Event property: the file's size in bytes (Long), on {@link #DROP_OFF_RECEIVED}. */
    public static final String PROPERTY_SIZE = "size";

    /** Event property: the import's ID (String), on import events and the client events of an import. */
    public static final String PROPERTY_IMPORT_ID = "importId";
    /** Event property on {@link #IMPORTED}: how many clients were created (Long). */
    public static final String PROPERTY_CREATED = "created";
    /** Event property on {@link #IMPORTED}: how many clients were updated (Long). */
    public static final String PROPERTY_UPDATED = "updated";
    /** Event property on {@link #IMPORT_REVERTED}: how many clients the import had created and were deleted (Long). */
    public static final String PROPERTY_DELETED = "deleted";
    /** Event property on {@link #IMPORT_REVERTED}: how many updated clients got their values back (Long). */
    public static final String PROPERTY_RESTORED = "restored";

    private AtriumTopics() {
    }
}
