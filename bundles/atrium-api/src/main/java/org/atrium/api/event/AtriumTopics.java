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

    /** Event property: the client ID (String). */
    public static final String PROPERTY_CLIENT_ID = "clientId";
    /** Event property: the client ID before a rename (String), on updates that changed it. */
    public static final String PROPERTY_PREVIOUS_CLIENT_ID = "previousClientId";
    /** Event property: the office location number (Integer). */
    public static final String PROPERTY_OFFICE = "office";
    /** Event property: the names of the fields that changed (String[]), on updates. */
    public static final String PROPERTY_CHANGED_FIELDS = "changedFields";

    private AtriumTopics() {
    }
}
