package org.atrium.api.client;

/**
 * Which clients a search or a bulk action covers. Every part is optional ({@code null} = any).
 *
 * @param q matched against client ID, name and email (partial, case-insensitive) of taxpayer and spouse,
 *          or, when it is 9 digits (dashes allowed), exactly against their SSN/EIN
 * @param office an office location number
 * @param invitationFailed {@code true}: only clients whose last onboarding email could not be delivered
 */
public record ClientFilter(String q, RegistrationStatus status, Boolean portalAccess, Integer office,
        Boolean invitationFailed) {

    public static final ClientFilter ALL = new ClientFilter(null, null, null, null, null);

    public ClientFilter(String q, RegistrationStatus status, Boolean portalAccess, Integer office) {
        this(q, status, portalAccess, office, null);
    }
}
