package org.atrium.api.firm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The firm's name, its email address (the sender of Atrium's emails) and the address clients reach Atrium
 * at ({@code https://portal.example.com}); each may be unset (empty) until an operator sets it.
 *
 * @param name e.g. "Smith &amp; Co CPAs"
 * @param email e.g. "office@smithco.com"
 * @param publicUrl scheme, host and optional port and path, without a trailing slash, e.g.
 *        {@code https://portal.smithco.com}
 */
public record FirmProfile(Optional<String> name, Optional<String> email, Optional<URI> publicUrl) {

    /** Nothing set yet. */
    public static final FirmProfile UNSET = new FirmProfile(Optional.empty(), Optional.empty(), Optional.empty());

    public FirmProfile {
        name = name.map(String::strip).filter(text -> !text.isEmpty());
        email = email.map(String::strip).filter(text -> !text.isEmpty());
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>()\",;:]+@[^@\\s<>()\",;:]+");
    private static final int MAX_NAME = 200;

    /**
     * A profile from text as an operator types it; blank means unset.
     *
     * @throws IllegalArgumentException naming the value that is wrong and why
     */
    public static FirmProfile of(String name, String email, String publicUrl) {
        String cleanName = blankToNull(name);
        if (cleanName != null && (cleanName.length() > MAX_NAME || cleanName.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("The firm name must be one line of at most " + MAX_NAME + " characters.");
        }
        String cleanEmail = blankToNull(email);
        if (cleanEmail != null && !EMAIL.matcher(cleanEmail).matches()) {
            throw new IllegalArgumentException("'" + cleanEmail + "' is not an email address (e.g. office@smithco.com).");
        }
        return new FirmProfile(Optional.ofNullable(cleanName), Optional.ofNullable(cleanEmail),
                Optional.ofNullable(blankToNull(publicUrl)).map(FirmProfile::publicUrl));
    }

    private static URI publicUrl(String text) {
        String example = " Give the address clients open, e.g. https://portal.smithco.com";
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a web address." + example);
        }
        if (!("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))
                || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null
                || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + text + "' is not a web address of scheme, host and path only." + example);
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return URI.create(url.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + url.getRawAuthority() + path);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** An address under the public URL, e.g. {@code link("/portal/register")}; empty while it is unset. */
    public Optional<String> link(String path) {
        return publicUrl.map(url -> url.toString() + path);
    }
}
