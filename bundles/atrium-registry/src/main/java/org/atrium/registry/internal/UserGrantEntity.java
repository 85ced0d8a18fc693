package org.atrium.registry.internal;

import java.util.HashSet;
import java.util.Set;

import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.Table;

import org.atrium.api.security.UserGrant;

/** What Atrium adds to a JAAS user: email and granted office locations. */
@Entity
@Table(name = "USER_GRANT")
public class UserGrantEntity {

    static final int MAX_USERNAME = 100;

    @Id
    @Column(name = "USERNAME", length = MAX_USERNAME)
    private String username;

    @Column(name = "EMAIL", length = ClientRules.MAX_EMAIL)
    private String email;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "USER_GRANT_OFFICE", joinColumns = @JoinColumn(name = "USERNAME"))
    @Column(name = "LOCATION_NUMBER", nullable = false)
    private Set<Integer> offices = new HashSet<>();

    protected UserGrantEntity() {
        // for JPA
    }

    UserGrantEntity(String username) {
        this.username = username;
    }

    void apply(UserGrant grant) {
        email = grant.email();
        offices.clear();
        offices.addAll(grant.offices());
    }

    UserGrant toValue() {
        return new UserGrant(username, email, offices);
    }
}
