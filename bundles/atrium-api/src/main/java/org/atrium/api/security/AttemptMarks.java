package org.atrium.api.security;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Marks of attempts (failed sign-ins, requests to rate-limit, lock-outs), kept in the database so that every
 * node behind a load balancer counts the same: a guesser whose guesses land on several nodes is locked out as
 * if they all landed on one. A mark is a kind (what was counted), a subject (a user name, an address, or both)
 * and a time; what the marks mean is the caller's.
 */
@ProviderType
public interface AttemptMarks {

    /** Which marks: one kind of one subject. */
    record Key(String kind, String subject) {
    }

    /** Marks of one key since a time: how many, the earliest and the latest (null when none). */
    record Tally(int count, Instant earliest, Instant latest) {

        public static final Tally NONE = new Tally(0, null, null);
    }

    /** Longest subject kept; longer ones are cut, which only merges two subjects that share this long a start. */
    int MAX_SUBJECT = 400;

    void add(Key key, Instant at);

    /** The marks of each key at or after {@code since}, in one reading; keys without any are left out. */
    Map<Key, Tally> tally(Set<Key> keys, Instant since);

    /** Forgets every mark of these keys. */
    void remove(Set<Key> keys);

    /** How many subjects of this kind have at least {@code atLeast} marks at or after {@code since}. */
    int subjects(String kind, int atLeast, Instant since);

    /** Forgets the marks of this kind older than {@code before}; returns how many. */
    int removeBefore(String kind, Instant before);
}
