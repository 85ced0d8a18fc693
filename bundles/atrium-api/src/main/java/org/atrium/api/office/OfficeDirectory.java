package org.atrium.api.office;

import java.util.List;
import java.util.Optional;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.security.Actor;
import org.osgi.annotation.versioning.ProviderType;

/** The firm's office locations. */
@ProviderType
public interface OfficeDirectory {

    /** Every office, by number. */
    List<OfficeLocation> list();

    Optional<OfficeLocation> find(int number);

    /**
     * Adds an office location; only administrators may. The audit trail records it under {@code by}.
     *
     * @throws AccessDeniedException if {@code by} is not an administrator
     * @throws ClientValidationException if the number is not positive or the name is blank or too long
     * @throws ClientConflictException if the number is taken
     */
    OfficeLocation create(OfficeLocation office, Actor by);
}
