package org.atrium.registry.internal;

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
    };

    /**
     * Text that makes the database read a table through a unique constraint's index, to follow the table name
     * in a FROM clause. Derby's optimizer, going by statistics from when the table was small, would otherwise
     * scan the whole table for a long IN list.
     */
    public abstract String uniqueIndexHint(String constraint);

    /**
     * Whether a page of a partial text match is best counted and ordered by the database. Derby, asked to,
     * walks the sort index and fetches every row at random, three to four times slower than matching once
     * and ordering the matches in Java; PostgreSQL finds the matches through its trigram index and sorts
     * only what the page needs.
     */
    public abstract boolean ordersMatchesWell();

    /** Whether an import's new rows go with {@code COPY ... FROM STDIN} (see imports.CopyRows) instead of INSERTs. */
    public abstract boolean loadsRowsWithCopy();

    /** The database of the persistence unit this entity manager belongs to. */
    public static SqlDialect of(EntityManager em) {
        return em.unwrap(Session.class).getPlatform().isDerby() ? DERBY : POSTGRESQL;
    }
}
