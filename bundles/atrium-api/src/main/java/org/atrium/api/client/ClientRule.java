package org.atrium.api.client;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A firm's own rule for its clients, e.g. "client IDs are 6 digits", registered as an OSGi service by any
 * bundle. Atrium applies every registered rule, after its own, to each client about to be stored: created
 * or edited over REST and on the staff page (a 400 naming the field), and each row of an import (the error
 * CSV names the row and the column). A rule applies from the moment its service is registered until it is
 * unregistered; a rule that throws is skipped (and logged) rather than stop the register.
 *
 * <pre>{@code
 * @Component
 * public class SixDigitClientIds implements ClientRule {
 *     public List<FieldError> check(ClientData client) {
 *         return client.clientId() != null && client.clientId().matches("\\d{6}") ? List.of()
 *                 : List.of(new FieldError("clientId", "Client IDs of our firm are 6 digits, e.g. 004711."));
 *     }
 * }
 * }</pre>
 */
@ConsumerType
public interface ClientRule {

    /**
     * The problems this rule finds in a client about to be stored; empty when it passes. Called often (for
     * each row of an import): it must be quick, and must not change anything.
     *
     * @param client normalized as Atrium stores it (trimmed, NFC), after Atrium's own rules passed or not
     * @return field errors with the REST API's field names ({@code clientId}, {@code name}, {@code email},
     *         {@code taxId}, {@code spouse.email}...), in words a person understands
     */
    List<FieldError> check(ClientData client);
}
