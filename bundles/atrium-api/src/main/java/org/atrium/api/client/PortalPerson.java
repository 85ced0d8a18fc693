package org.atrium.api.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One person of a client as the portal knows them: the taxpayer, or the spouse of a couple filing jointly,
 * each with their own email, mobile and registration.
 */
public record PortalPerson(Client client, Person person) {

    public PortalPerson {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(person, "person");
        if (person == Person.SPOUSE && client.spouse() == null) {
            throw new IllegalArgumentException("client " + client.clientId() + " has no spouse");
        }
    }

    public String name() {
        return person == Person.TAXPAYER ? client.name() : client.spouse().name();
    }

    public String email() {
        return person == Person.TAXPAYER ? client.email() : client.spouse().email();
    }

    /** Country calling code without "+", e.g. {@code 1}; {@code null} without a mobile. */
    public String countryCode() {
        return person == Person.TAXPAYER ? client.countryCode() : client.spouse().countryCode();
    }

    public String mobileNumber() {
        return person == Person.TAXPAYER ? client.mobileNumber() : client.spouse().mobileNumber();
    }

    /** When this person registered with their onboarding link; {@code null} if they have not. */
    public Instant registeredAt() {
        return person == Person.TAXPAYER ? client.registeredAt() : client.spouseRegisteredAt();
    }

    public boolean registered() {
        return registeredAt() != null;
    }

    /** How the audit trail names a client acting in the portal: {@code portal:1001} or {@code portal:1001 (spouse)}. */
    public static String auditName(String clientId, Person person) {
        return "portal:" + clientId + (person == Person.SPOUSE ? " (spouse)" : "");
    }

    /** No email, tax ID or date of birth, so that a logged person leaks nothing. */
    @Override
    public String toString() {
        return "PortalPerson[clientId=" + client.clientId() + ", person=" + person + "]";
    }
}
