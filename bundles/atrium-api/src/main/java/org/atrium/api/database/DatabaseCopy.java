package org.atrium.api.database;

import java.sql.SQLException;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Copies Atrium's database, every table of every schema, into another database (to move to PostgreSQL). */
@ProviderType
public interface DatabaseCopy {

    /**
     * Copies into the empty PostgreSQL database at {@code url} (its tables are created from the same change
     * logs first), all rows or none, values as stored: tax IDs stay encrypted with the same key.
     *
     * @return the rows copied per table, in the order copied
     * @throws IllegalStateException naming why nothing was copied (the target holds data, it is the database
     *         in use, ...)
     * @throws SQLException if the target cannot be reached or refuses a statement
     */
    Map<String, Long> copyToPostgresql(String url, String user, String password) throws SQLException;
}
