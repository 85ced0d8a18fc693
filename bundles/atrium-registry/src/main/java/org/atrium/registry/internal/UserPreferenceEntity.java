package org.atrium.registry.internal;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

import org.atrium.api.security.UserPreferences;

/** One preference of one user: a name and the JSON text the page stored. */
@Entity
@Table(name = "USER_PREFERENCE")
@IdClass(UserPreferenceEntity.Key.class)
public class UserPreferenceEntity {

    /** The primary key: user and preference name. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String username;
        private String name;

        public Key() {
            // for JPA
        }

        Key(String username, String name) {
            this.username = username;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(username, key.username) && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, name);
        }
    }

    @Id
    @Column(name = "USERNAME", length = UserGrantEntity.MAX_USERNAME)
    private String username;

    @Id
    @Column(name = "NAME", length = UserPreferences.MAX_NAME)
    private String name;

    @Column(name = "VALUE_JSON", length = UserPreferences.MAX_VALUE, nullable = false)
    private String json;

    protected UserPreferenceEntity() {
        // for JPA
    }

    UserPreferenceEntity(String username, String name, String json) {
        this.username = username;
        this.name = name;
        this.json = json;
    }

    String name() {
        return name;
    }

    String json() {
        return json;
    }

    void json(String value) {
        json = value;
    }
}
