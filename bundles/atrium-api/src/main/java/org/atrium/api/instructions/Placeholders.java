package org.atrium.api.instructions;

import java.util.List;

/**
 * The placeholders a template may use, written {@code {{name}}}. An email goes to one person: for a married
 * couple filing jointly each spouse gets their own, in which {@code clientName} is the addressee and
 * {@code spouseName} the other spouse.
 */
public final class Placeholders {

    public static final String CLIENT_NAME = "clientName";
    public static final String SPOUSE_NAME = "spouseName";
    public static final String FIRM_NAME = "firmName";
    public static final String REGISTRATION_LINK = "registrationLink";
    public static final String OFFICE_NAME = "officeName";
    public static final String LINK_EXPIRES_ON = "linkExpiresOn";

    public static final List<String> ALL = List.of(CLIENT_NAME, SPOUSE_NAME, FIRM_NAME, REGISTRATION_LINK,
            OFFICE_NAME, LINK_EXPIRES_ON);

    private Placeholders() {
    }
}
