package org.atrium.registry.internal;

import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;

import org.eclipse.persistence.sessions.Session;

/**
 * What the register's own SQL does differently per database, kept in one place: Derby takes optimizer hints
 * in comments, PostgreSQL plans by statistics it keeps up to date itself.
 */
public enum SqlDialect {

    DERBY {
        @Override
        public String uniqueIndexHint(String constraint) {
            return " --DERBY-PROPERTIES constraint=" + constraint + "\n";
        }

        @Override
        public boolean ordersMatchesWell() {
            return false;
        }

        @Override
        public boolean loadsRowsWithCopy() {
            return false;
        }

        @Override
        public boolean commitsImportsInChunks() {
            return true;
        }

        @Override
        public Optional<String> statisticsRefresh(List<String> tables) {
            return Optional.empty(); // the import's lookups carry index hints instead
        }
    },
    POSTGRESQL {
        @Override
        public String uniqueIndexHint(String constraint) {
            return " ";
        }

        @Override
        public boolean ordersMatchesWell() {
            return true;
        }

        @Override
        public boolean loadsRowsWithCopy() {
            return true;
        }

        @Override
        public boolean commitsImportsInChunks() {
            return false;
        }

        @Override
        public Optional<String> statisticsRefresh(List<String> tables) {
            return Optional.of("ANALYZE " + String.join(", ", tables));
        }
    };

    /**
     * Text that makes the database read a table through a unique constraint's index, to follow the table name
     * in a FROM clause. Derby's optimizer, going by statistics from when the table was small, would otherwise
     * scan the whole table for a long IN list.
     */
    public abstract String uniqueIndexHint(String constraint);

    /**
     * Whether a page of a text match or of a staff member's offices is best counted and ordered by the database.
     * Derby plans as if every row were wanted, whatever FETCH FIRST says: asked for such a page, it reads and
     * sorts every match, so the register walks Derby's sort indexes itself (clients.SortIndexWalk) or matches
     * once and orders in Java; PostgreSQL finds the matches through its trigram index and sorts only what the
     * page needs.
     */
    public abstract boolean ordersMatchesWell();

    /** Whether an import's new rows go with {@code COPY ... FROM STDIN} (see imports.CopyRows) instead of INSERTs. */
    public abstract boolean loadsRowsWithCopy();

    /**
     * Whether an import commits chunk by chunk (imports.ChunkedImport) rather than in one transaction. Derby has
     * no versions of rows for readers: a transaction that writes thousands of rows takes a lock on the whole
     * table, and every other user's search and edit waited for the whole file (20 s for 100,000 rows).
     * PostgreSQL's readers never wait for a writer, so its imports stay one transaction.
     */
    public abstract boolean commitsImportsInChunks();

    /**
     * The statement that brings the planner's statistics of {@code tables} up to date after a bulk write, if
     * the database needs telling. PostgreSQL's autovacuum comes within a minute or so, but the queries that
     * follow an import at once (its events, the next searches) were planned by the statistics of the table
     * before it: an empty one, read through in full for every chunk.
     */
    public abstract Optional<String> statisticsRefresh(List<String> tables);

    /** The database of the persistence unit this entity manager belongs to. */
    public static SqlDialect of(EntityManager em) {
        return em.unwrap(Session.class).getPlatform().isDerby() ? DERBY : POSTGRESQL;
    }
}
