package org.atrium.registry.internal.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.FieldError;
import org.atrium.api.security.Actor;
import org.atrium.registry.internal.ClientRules;

/**
 * The rules for one row of an import file: the client rules ({@link ClientRules}), and what only a file of
 * many rows has: a client ID or email address on two rows, an email of another client, an office the
 * uploader does not hold. What it needs from the database is handed in, so rows are checked in chunks with
 * one query each. Remembers the client IDs and emails of the rows it saw (in {@link KeyIndex}es).
 */
public final class ImportRowRules {

    /** What the rules need to know about a client that already exists. */
    /** @param encryptedTaxId as stored (null: none), decrypted only when a row sends a mask */
    record Existing(long pk, int office, boolean smsOtp, String encryptedTaxId, String encryptedSpouseTaxId) {
    }

    private final Actor actor;
    private final Set<Integer> offices;
    private final LocalDate today;
    private final IntFunction<String> noOfficeAccess;
    /** Other bundles' client rules (see ContributedRules). */
    private final Function<ClientData, List<FieldError>> contributedRules;
    private final KeyIndex clientIds = new KeyIndex();
    private final KeyIndex emails = new KeyIndex();

    /**
     * @param offices every office location that exists
     * @param noOfficeAccess the message for an office the actor does not hold
     */
    ImportRowRules(Actor actor, Set<Integer> offices, LocalDate today, IntFunction<String> noOfficeAccess,
            Function<ClientData, List<FieldError>> contributedRules) {
        this.actor = actor;
        this.offices = offices;
        this.today = today;
        this.noOfficeAccess = noOfficeAccess;
        this.contributedRules = contributedRules;
    }

    /**
     * @param data normalized ({@link ClientRules#normalize})
     * @param existing the client with this row's ID, or {@code null}
     * @param emailOwners the client key of each email (of this chunk's rows) that a client claims already
     * @return the broken rules; empty if the row may be written
     */
    List<FieldError> check(long row, ClientData data, Existing existing, Map<String, Long> emailOwners) {
        List<FieldError> errors = new ArrayList<>(ClientRules.check(data, today));
        errors.addAll(contributedRules.apply(data));
        if (existing != null && !actor.mayAccess(existing.office())) {
            // as for create: the ID is taken, and by whom is none of this user's business
            errors.add(ClientRules.clientIdTaken(data.clientId()));
        }
        if (existing != null && existing.smsOtp() && !ClientRules.hasMobile(data.countryCode(), data.mobileNumber())) {
            errors.add(ClientRules.smsOtpNeedsMobile());
        }
        Integer office = data.officeLocation();
        if (office != null && office > 0) {
            if (!offices.contains(office)) {
                errors.add(new FieldError("officeLocation", "Office location " + office + " does not exist."));
            } else if (!actor.mayAccess(office)) {
                errors.add(new FieldError("officeLocation", noOfficeAccess.apply(office)));
            }
        }
        if (!ClientRules.isBlank(data.clientId())) {
            long first = clientIds.putIfAbsent(ClientRules.clientIdKey(data.clientId()), row);
            if (first > 0) {
                errors.add(new FieldError("clientId", "Client ID '" + data.clientId() + "' is also on row " + first
                        + ": a client may appear only once in a file."));
            }
        }
        emailKeys(data).forEach((email, field) -> {
            long first = emails.putIfAbsent(email, row);
            if (first > 0 && first != row) {
                errors.add(new FieldError(field, "Email address '" + email + "' is also on row " + first
                        + ": an email address may belong to one person only."));
            }
            Long owner = emailOwners.get(email);
            if (owner != null && (existing == null || owner != existing.pk())) {
                errors.add(new FieldError(field, "This email address is already used by another client or spouse."));
            }
        });
        return errors;
    }

    /** The lower-case email keys of taxpayer and spouse and the field each came from. */
    static Map<String, String> emailKeys(ClientData data) {
        Map<String, String> keys = new HashMap<>(2);
        if (!ClientRules.isBlank(data.email())) {
            keys.put(ClientRules.emailKey(data.email()), "email");
        }
        if (data.marriedFilingJointly() && data.spouse() != null && !ClientRules.isBlank(data.spouse().email())) {
            keys.putIfAbsent(ClientRules.emailKey(data.spouse().email()), "spouse.email");
        }
        return keys;
    }
}
