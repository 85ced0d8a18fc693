package org.atrium.api.security;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Small per-user settings of the staff pages (which columns the client grid shows, say), kept on the
 * server so that they follow the user from one browser to another. Each preference is a name and a JSON
 * text the page chose; the register stores it as given and never interprets it.
 */
@ProviderType
public interface UserPreferences {

    /** The longest preference name. */
    int MAX_NAME = 64;

    /** The longest value, in characters of JSON text. */
    int MAX_VALUE = 4000;

    /** The most preferences one user keeps. */
    int MAX_PER_USER = 50;

    /** Every preference of the user, by name (empty if none). */
    Map<String, String> of(String username);

    /**
     * Sets one preference, replacing its value.
     *
     * @param json the value as JSON text, at most {@link #MAX_VALUE} characters
     * @throws org.atrium.api.client.ClientValidationException if the name or value breaks the limits above, or
     *         the user already keeps {@link #MAX_PER_USER} others; nothing is changed
     */
    void put(String username, String name, String json);

    /** Removes one preference; nothing happens if it was not set. */
    void remove(String username, String name);
}
