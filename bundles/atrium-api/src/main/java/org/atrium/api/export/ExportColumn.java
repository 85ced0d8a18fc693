package org.atrium.api.export;

import org.atrium.api.client.Client;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A column a firm's bundle adds to the client export: register an object of this type as a service and
 * users can pick it by {@link #name()} while the service is there. Atrium's own columns are built in.
 * <p>
 * A cell starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return is kept as text in
 * every format, so a column cannot smuggle a formula into the file.
 */
@ConsumerType
public interface ExportColumn {

    /**
     * How a user asks for the column ({@code columns=...}): letters, digits, dots, dashes and underscores,
     * unique among all columns. A name of a built-in column is ignored.
     */
    String name();

    /** The header cell. */
    String label();

    /**
     * The cell for one client: a {@link String}, {@link Boolean} (shown Yes/No), {@link Number},
     * {@link java.time.LocalDate}, {@link java.time.Instant}, or {@code null} for an empty cell. Anything
     * else is written as its {@code toString()}. The client's tax IDs arrive masked ({@code XXX-XX-6789})
     * unless {@link #needsFullTaxIds()}.
     */
    Object value(Client client);

    /**
     * Whether {@link #value} must see the full SSN/EIN (e.g. to derive something from it); by default it sees
     * them masked, as people do. A column that says yes must never write the full number into its cell.
     */
    default boolean needsFullTaxIds() {
        return false;
    }
}
