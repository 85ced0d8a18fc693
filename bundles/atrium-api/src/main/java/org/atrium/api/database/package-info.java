/**
 * Atrium's database: the tables a bundle owns are created and upgraded from its own Liquibase change log,
 * named in its manifest ({@value org.atrium.api.database.DatabaseSchema#HEADER}), before anything reads
 * them; {@link org.atrium.api.database.DatabaseSchema} services say which schemas are up to date, and
 * {@link org.atrium.api.database.DatabaseCopy} moves the whole database into PostgreSQL.
 */
@Export
@Version("1.0.0")
package org.atrium.api.database;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
