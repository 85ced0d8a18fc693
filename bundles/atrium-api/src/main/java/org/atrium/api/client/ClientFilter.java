package org.atrium.api.client;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which clients a search or a bulk action covers. Every part is optional ({@code null} = any).
 *
 * @param q matched against the words (runs of letters or digits) of client ID, name and email of taxpayer
 *          and spouse, case-insensitive: each word of {@code q} is one of them, the last may be the beginning
 *          of one, and a word that no client has is looked for inside words; when {@code q} is 9 digits
 *          (dashes allowed), exactly against their SSN/EIN
 * @param office an office location number
 * @param invitationFailed {@code true}: only clients whose last onboarding email could not be delivered
 */
public record ClientFilter(String q, RegistrationStatus status, Boolean portalAccess, Integer office,
        Boolean invitationFailed) {

    public static final ClientFilter ALL = new ClientFilter(null, null, null, null, null);

    private static final Pattern NINE_DIGITS = Pattern.compile("\\d{9}");
    private static final Pattern TAX_ID_SEPARATORS = Pattern.compile("[\\s-]");

    public ClientFilter(String q, RegistrationStatus status, Boolean portalAccess, Integer office) {
        this(q, status, portalAccess, office, null);
    }

    /** The SSN/EIN {@code q} searches for, as 9 digits, when it is one (dashes and spaces allowed). */
    public Optional<String> taxIdSearch() {
        if (q == null) {
            return Optional.empty();
        }
        String digits = TAX_ID_SEPARATORS.matcher(q.strip()).replaceAll("");
        return NINE_DIGITS.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }
}
