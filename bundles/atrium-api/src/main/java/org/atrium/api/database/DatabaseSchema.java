package org.atrium.api.database;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A bundle's tables, brought up to date in Atrium's database. A bundle that owns tables names its Liquibase
 * change log in its manifest:
 *
 * <pre>
 * Atrium-Schema: firm-notes;changelog=db/firm-notes.xml
 * </pre>
 *
 * When the bundle starts, Atrium applies the change sets not yet applied (each recorded in the database)
 * and then registers this service, with {@value #NAME} set to the schema's name, on the bundle's behalf.
 * Components that read the tables wait for it with a reference such as
 * {@code @Reference(target = "(atrium.schema=firm-notes)")}. The service goes away when the bundle stops
 * or the database does; a database that cannot be reached, or that a newer version already upgraded, never
 * gets one (see {@code GET /api/v1/health}).
 */
@ProviderType
public interface DatabaseSchema {

    /** The manifest header naming a bundle's schema and its change log. */
    String HEADER = "Atrium-Schema";

    /** The service property holding the schema's name. */
    String NAME = "atrium.schema";

    /** The schema's name, as in the manifest header. */
    String name();

    /** The last change set applied (its id), the schema's version. */
    String version();
}
