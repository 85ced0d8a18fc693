package org.atrium.registry.internal.clients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.Query;
import javax.persistence.TypedQuery;

import org.atrium.api.client.Client;
import org.atrium.api.client.ClientFilter;
import org.atrium.api.client.ClientQuery;
import org.atrium.api.client.ClientVisitor;
import org.atrium.api.client.Page;
import org.atrium.api.client.SortField;
import org.atrium.registry.internal.ClientEntity;
import org.atrium.registry.internal.ClientRules;
import org.atrium.registry.internal.RegisterCore;
import org.atrium.registry.internal.Scope;
import org.atrium.registry.internal.SqlDialect;
import org.atrium.registry.internal.TaxIdCipher;
import org.atrium.registry.internal.clients.TextMatch.Reach;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;
import org.eclipse.persistence.queries.CursoredStream;

/**
 * Finding clients for an actor: a page of a search, every match in chunks (exports), the IDs of every match
 * (bulk actions). Filters become JPQL with parameters, never text; tax IDs are matched by their keyed hash.
 */
public final class ClientSearch {

    private static final String VALUE_SELECT = ClientEntity.VALUE_FIELDS.stream().map(field -> "c." + field)
            .collect(Collectors.joining(", "));
    /** Clients read per query by {@link #forEachClient}. */
    static final int READ_CHUNK = 500;
    /**
     * Rows whose text matches a search inside words that are checked again by key at most (40 statements of
     * {@link #READ_CHUNK}, about 200 ms); more, and every row is read once instead.
     */
    static final int MAX_INSIDE_WORD_CANDIDATES = 20_000;

    private final RegisterCore core;
    private final TaxIdCipher taxIds;
    private final Scope scope;
    private final SortFences fences;

    ClientSearch(RegisterCore core, Scope scope, SortFences fences) {
        this.core = core;
        this.taxIds = core.taxIds();
        this.scope = scope;
        this.fences = fences;
    }

    Page<Client> search(ClientQuery query) {
        if (scope.reachesNoOffice()) {
            return new Page<>(List.of(), 0, query.page(), query.size());
        }
        return core.readInTransaction(em -> { // Derby's checks send plain JDBC (RowCheck)
            Map<String, Object> parameters = new HashMap<>();
            Where where = scopedWhere(em, query.filter(), parameters);
            long first = (long) query.page() * query.size();
            // PostgreSQL finds, counts and orders every search itself, text through its trigram index (see
            // SqlDialect). On Derby a word of few clients names the only rows read; for other text (common words,
            // a word inside words) and for a staff member's offices it walks the sort's index until the page is
            // full, and reads every match once where that would take long (see SortIndexWalk): asked for an
            // ordered page of them, Derby read and sorted every match (seconds at a million clients)
            if (SqlDialect.of(em).ordersMatchesWell()) {
                return pageThenCount(em, where, parameters, query, first);
            }
            if (where.reach() == Reach.FEW) {
                return matchCandidatesThenLoadPage(em, where, query, parameters, first);
            }
            if (where.reach() == Reach.NONE && scope.actor().administrator()) {
                // Derby reads an ascending page off the sort index; a descending one it sorts, so near the start
                // the index is walked instead
                Optional<Page<Client>> walked = query.descending() ? walkSortIndex(em, where, parameters, query, first)
                        : Optional.empty();
                return walked.orElseGet(() -> pageThenCount(em, where, parameters, query, first));
            }
            Optional<Page<Client>> walked = walkSortIndex(em, where, parameters, query, first);
            if (walked.isPresent()) {
                return walked.get();
            }
            Optional<List<Object[]>> insideWords = matchingInsideWords(em, where, query.sort());
            if (insideWords.isPresent()) {
                return pageOfMatches(em, insideWords.get(), query, first);
            }
            TypedQuery<Object[]> match = em.createQuery("SELECT c.pk, " + sortPath(query.sort()) + ", c.clientIdKey"
                    + " FROM ClientEntity c" + where.clause(), Object[].class);
            parameters.forEach(match::setParameter);
            return pageOfMatches(em, match.getResultList(), query, first);
        });
    }

    /**
     * Reading one ordered page takes an index range (or, with common words, the first rows of one that match).
     * A page that is not full was the last one and tells the count itself (a search for one email is one
     * query); otherwise the count stops after {@link ClientQuery#COUNTED_PAGES} pages from this one: reading
     * that many keys takes a millisecond or two, counting all of a million a few hundred. A search for one
     * common word counts the word's entries in CLIENT_TERM's index instead of checking rows; any other search
     * for common words says only "more than this page" (checking rows until 40 pages of matches are found
     * would read most of the table when they are one in a hundred).
     */
    private Page<Client> pageThenCount(EntityManager em, Where where,
            Map<String, Object> parameters, ClientQuery query, long first) {
        TypedQuery<ClientEntity> select = em.createQuery("SELECT c FROM ClientEntity c" + where.clause()
                + orderBy(query.sort(), query.descending()), ClientEntity.class);
        parameters.forEach(select::setParameter);
        // one more row than the page says whether there are more
        List<Client> rows = select.setFirstResult((int) Math.min(Integer.MAX_VALUE, first))
                .setMaxResults(query.size() + 1).getResultList().stream().map(core::value).toList();
        boolean more = rows.size() > query.size();
        List<Client> items = more ? rows.subList(0, query.size()) : rows;
        if (!more && (!items.isEmpty() || first == 0)) {
            return new Page<>(items, first + items.size(), query.page(), query.size(), true);
        }
        // past the last page, the count tells where it is
        return countBeyondPage(em, where, parameters, query, first, items,
                more && where.reach() == Reach.MANY && where.soleWord().isEmpty());
    }

    /**
     * Derby: a page of common words, of a word inside words or of a staff member's offices, read by walking the
     * sort's index (see {@link SortIndexWalk}); empty when the sort has no index to walk or the walk gave up.
     */
    private Optional<Page<Client>> walkSortIndex(EntityManager em, Where where, Map<String, Object> parameters,
            ClientQuery query, long first) {
        long wanted = first + query.size() + 1; // one more than the page says whether there are more
        if (!SortIndexWalk.walks(query.sort()) || wanted > SortIndexWalk.LIMITS.maxWalked()) {
            return Optional.empty();
        }
        return SortIndexWalk.walk(em, where.sql(), query.sort(), query.descending(), (int) wanted,
                SortIndexWalk.LIMITS, fences).map(walked -> {
                    List<Long> matches = walked.matches();
                    List<Client> items = loadPage(em, first >= matches.size() ? List.of()
                            : matches.subList((int) first, (int) Math.min(matches.size(), first + query.size())));
                    if (matches.size() < wanted) {
                        return new Page<>(items, matches.size(), query.page(), query.size());
                    }
                    // counting text that the term index cannot count would read what the walk avoided
                    return countBeyondPage(em, where, parameters, query, first, items,
                            where.reach() != Reach.NONE && where.soleWord().isEmpty());
                });
    }

    /**
     * The page's total when more matches follow it (or the page is past the last): counted up to
     * {@link ClientQuery#COUNTED_PAGES} pages from this one, or with {@code boundOnly} only "more than this page".
     */
    private Page<Client> countBeyondPage(EntityManager em, Where where, Map<String, Object> parameters,
            ClientQuery query, long first, List<Client> items, boolean boundOnly) {
        if (boundOnly) {
            return new Page<>(items, first + items.size(), query.page(), query.size(), false);
        }
        long enough = first + (long) query.size() * ClientQuery.COUNTED_PAGES;
        // one more than enough tells "more than enough" from "exactly enough"
        int limit = (int) Math.min(Integer.MAX_VALUE - 1, enough) + 1;
        OptionalLong counted = where.soleWord().isPresent()
                ? ClientTerms.countBeginning(em, where.soleWord().get(), limit) : OptionalLong.empty();
        long total;
        if (counted.isPresent()) {
            total = counted.getAsLong();
        } else {
            TypedQuery<Long> count = em.createQuery("SELECT c.pk FROM ClientEntity c" + where.clause(), Long.class);
            parameters.forEach(count::setParameter);
            total = count.setMaxResults(limit).getResultList().size();
        }
        boolean exact = total <= enough;
        return new Page<>(items, exact ? total : enough, query.page(), query.size(), exact);
    }

    long count(ClientFilter filter) {
        if (scope.reachesNoOffice()) {
            return 0;
        }
        return core.readInTransaction(em -> { // Derby's checks send plain JDBC (RowCheck)
            Map<String, Object> parameters = new HashMap<>();
            Where where = scopedWhere(em, filter, parameters);
            if (where.reach() == Reach.FEW && !SqlDialect.of(em).ordersMatchesWell()) {
                return (long) matchingCandidates(em, where, SortField.CLIENT_ID).size();
            }
            if (where.soleWord().isPresent()) {
                return ClientTerms.countAllBeginning(em, where.soleWord().get());
            }
            if (!SqlDialect.of(em).ordersMatchesWell()) {
                Optional<List<Object[]>> insideWords = matchingInsideWords(em, where, SortField.CLIENT_ID);
                if (insideWords.isPresent()) {
                    return (long) insideWords.get().size();
                }
            }
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(c) FROM ClientEntity c" + where.clause(), Long.class);
            parameters.forEach(count::setParameter);
            return count.getSingleResult();
        });
    }

    /** A search whose rarest word is a word of few clients reads only their rows. */
    private Page<Client> matchCandidatesThenLoadPage(EntityManager em, Where where, ClientQuery query,
            Map<String, Object> parameters, long first) {
        return pageOfMatches(em, matchingCandidates(em, where, query.sort()), query, first);
    }

    /**
     * Derby: the matches of a search for text inside words, as {@code [pk, sort value, client ID key]}, found
     * without waiting for rows other transactions are writing (an import's chunk): the rows whose text matches,
     * committed or not ({@link UncommittedTextScan}), then those of them that match the whole condition,
     * committed. Empty when the text is not inside words, or matches too many rows to check so.
     */
    private static Optional<List<Object[]>> matchingInsideWords(EntityManager em, Where where, SortField sort) {
        if (where.reach() != Reach.PARTS) {
            return Optional.empty();
        }
        return UncommittedTextScan.candidates(em, where.textPatterns(), MAX_INSIDE_WORD_CANDIDATES)
                .map(candidates -> matchingCandidates(em, where.withCandidates(candidates), sort));
    }

    /**
     * The candidates that match the whole condition, as {@code [pk, sort value, client ID key]}: their committed
     * rows, read by primary key ({@link RowCheck}) in chunks of a fixed size (one statement text, which
     * Derby compiles once; it probes a repeated key once).
     */
    private static List<Object[]> matchingCandidates(EntityManager em, Where where, SortField sort) {
        String columns = "PK, " + sortColumn(sort) + ", CLIENT_ID_KEY";
        List<Object[]> rows = new ArrayList<>();
        List<Long> candidates = where.candidates();
        for (int from = 0; from < candidates.size(); from += READ_CHUNK) {
            List<Long> chunk = new ArrayList<>(candidates.subList(from, Math.min(candidates.size(), from + READ_CHUNK)));
            while (chunk.size() < READ_CHUNK) {
                chunk.add(chunk.get(0)); // the same length each time: the same statement
            }
            rows.addAll(RowCheck.matching(em, columns, where.sql(), RowCheck.Key.PK, chunk, RowCheck.Reading.COMMITTED));
        }
        return rows;
    }

    /**
     * A match that reads every row it may match (a few candidates; on Derby, what a walk of the sort index gave
     * up on or cannot walk) is done once: all matches ({@code [pk, sort value, client ID key]}) give the total
     * and, ordered here, the page; only the page's rows are then loaded. Ordering in the database would make
     * Derby walk the sort index and fetch every row at random, three to four times slower than one scan.
     */
    private Page<Client> pageOfMatches(EntityManager em, List<Object[]> rows, ClientQuery query, long first) {
        List<Long> matches = rows.stream().sorted(rowOrder(query.descending()))
                .map(row -> ((Number) row[0]).longValue()).toList();
        if (first >= matches.size()) {
            return new Page<>(List.of(), matches.size(), query.page(), query.size());
        }
        List<Long> pageKeys = matches.subList((int) first, (int) Math.min(matches.size(), first + query.size()));
        return new Page<>(loadPage(em, pageKeys), matches.size(), query.page(), query.size());
    }

    /** The clients with these keys, in the keys' order. */
    private List<Client> loadPage(EntityManager em, List<Long> pageKeys) {
        if (pageKeys.isEmpty()) {
            return List.of();
        }
        Map<Long, ClientEntity> byKey = new HashMap<>();
        em.createQuery("SELECT c FROM ClientEntity c WHERE c.pk IN :keys", ClientEntity.class)
                .setParameter("keys", pageKeys).getResultList().forEach(c -> byKey.put(c.pk(), c));
        return pageKeys.stream().map(byKey::get).filter(Objects::nonNull).map(core::value).toList();
    }

    long forEachClient(ClientFilter filter, SortField sort, boolean descending, ClientVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        if (scope.reachesNoOffice()) {
            visitor.matching(0);
            return 0;
        }
        ClientFilter matching = filter == null ? ClientFilter.ALL : filter;
        SortField order = sort == null ? SortField.CLIENT_ID : sort;
        long[] keys = core.readInTransaction(em -> orderedKeys(em, matching, order, descending));
        visitor.matching(keys.length);
        long handedOver = 0;
        for (int from = 0; from < keys.length; from += READ_CHUNK) {
            long[] chunk = Arrays.copyOfRange(keys, from, Math.min(keys.length, from + READ_CHUNK));
            for (Client client : core.read(em -> loadInOrder(em, chunk))) {
                visitor.visit(client);
                handedOver++;
            }
        }
        return handedOver;
    }

    /**
     * The keys alone, ordered by the database (which sorts on disk when it must), read through a cursor: 8 bytes
     * a client in memory. A plain result list held a row object and a boxed key for each, 200 MB for a million.
     */
    private long[] orderedKeys(EntityManager em, ClientFilter filter, SortField sort, boolean descending) {
        Map<String, Object> parameters = new HashMap<>();
        Query select = em.createQuery("SELECT c.pk FROM ClientEntity c"
                + scopedWhere(em, filter, parameters).clause() + orderBy(sort, descending));
        parameters.forEach(select::setParameter);
        select.setHint(QueryHints.CURSOR, HintValues.TRUE);
        select.setHint(QueryHints.CURSOR_PAGE_SIZE, READ_CHUNK);
        select.setHint(QueryHints.JDBC_FETCH_SIZE, READ_CHUNK);
        CursoredStream cursor = (CursoredStream) select.getSingleResult();
        try {
            long[] keys = new long[1024];
            int count = 0;
            while (cursor.hasNext()) {
                if (count == keys.length) {
                    keys = Arrays.copyOf(keys, count * 2);
                }
                keys[count++] = ((Number) cursor.next()).longValue();
                if (count % READ_CHUNK == 0) {
                    cursor.clear(); // drops the rows read so far
                }
            }
            return Arrays.copyOf(keys, count);
        } finally {
            cursor.close();
        }
    }

    /** The clients with these keys, in the keys' order, read as values (not entities). */
    private List<Client> loadInOrder(EntityManager em, long[] keys) {
        Map<Long, Object[]> byKey = new HashMap<>();
        // the key last, after the fields valueOf reads
        em.createQuery("SELECT " + VALUE_SELECT + ", c.pk FROM ClientEntity c WHERE c.pk IN :keys", Object[].class)
                .setParameter("keys", Arrays.stream(keys).boxed().toList())
                .getResultList().forEach(row -> byKey.put((Long) row[row.length - 1], row));
        List<Client> clients = new ArrayList<>(keys.length);
        for (long key : keys) {
            Object[] row = byKey.get(key);
            if (row != null) {
                clients.add(ClientEntity.valueOf(row, taxIds));
            }
        }
        return clients;
    }

    List<String> findClientIds(ClientFilter filter) {
        if (scope.reachesNoOffice()) {
            return List.of();
        }
        return core.read(em -> {
            Map<String, Object> parameters = new HashMap<>();
            TypedQuery<String> select = em.createQuery(
                    "SELECT c.clientId FROM ClientEntity c"
                            + scopedWhere(em, filter, parameters).clause()
                            + " ORDER BY c.clientIdKey",
                    String.class);
            parameters.forEach(select::setParameter);
            return select.getResultList();
        });
    }

    /** The clients whose SSN/EIN (taxpayer's or spouse's) is these nine digits, or whose client ID is {@code q}. */
    interface ExactMatches {
        List<Long> of(String digits, String q);
    }

    /**
     * A JPQL WHERE clause (empty, or starting with " WHERE "), how many rows its text may have to read, and the
     * only clients that can match when they are few (see {@link TextMatch}), with the same conditions as plain SQL
     * and its text's LIKE patterns on SEARCH_TEXT.
     */
    record Where(String clause, List<SqlCondition> sql, Reach reach, List<Long> candidates,
            List<String> textPatterns, Optional<String> soleWord) {

        Where {
            sql = List.copyOf(sql);
        }

        /** Limited to some offices: the text's word is no longer all the condition. */
        Where limitedTo(String scopedClause, SqlCondition scope) {
            List<SqlCondition> scoped = new ArrayList<>(sql);
            scoped.add(scope);
            return new Where(scopedClause, scoped, reach, candidates, textPatterns, Optional.empty());
        }

        /** The same condition, known to match none but these clients. */
        Where withCandidates(List<Long> only) {
            return new Where(clause, sql, reach, only, textPatterns, soleWord);
        }
    }

    /**
     * The JPQL WHERE clause of a filter; the values go into {@code parameters}, never into the text. A query
     * shaped like an SSN/EIN matches exactly (the tax IDs by their keyed hash, or the client ID), found through
     * their indexes first: a partial match of nine digits would read every row. Other text matches by words
     * ({@link TextMatch}).
     */
    static Where where(ClientFilter filter, Map<String, Object> parameters, ExactMatches exactMatches,
            TextMatch.WordIndex words) {
        List<String> conditions = new ArrayList<>();
        List<SqlCondition> sql = new ArrayList<>();
        TextMatch text = TextMatch.NONE;
        if (!ClientRules.isBlank(filter.q())) {
            String q = filter.q().strip();
            Optional<String> taxId = filter.taxIdSearch();
            if (taxId.isPresent()) {
                List<Long> pks = exactMatches.of(taxId.get(), q);
                // an empty IN list is no JPQL; no client has the key -1
                List<Long> exactPks = pks.isEmpty() ? List.of(-1L) : pks;
                parameters.put("exactPks", exactPks);
                conditions.add("c.pk IN :exactPks");
                sql.add(SqlCondition.in("PK", exactPks));
                text = TextMatch.exactly(pks); // only these rows are read
            } else {
                text = TextMatch.of(q, parameters, words);
                conditions.addAll(text.conditions());
                text.patterns().forEach(pattern -> sql.add(SqlCondition.of("SEARCH_TEXT LIKE ?", pattern)));
            }
        }
        if (filter.status() != null) {
            parameters.put("status", filter.status());
            conditions.add("c.status = :status");
            sql.add(SqlCondition.of("STATUS = ?", filter.status().name()));
        }
        if (filter.portalAccess() != null) {
            parameters.put("portalAccess", filter.portalAccess());
            conditions.add("c.portalAccess = :portalAccess");
            sql.add(SqlCondition.of("PORTAL_ACCESS = ?", filter.portalAccess() ? 1 : 0)); // a SMALLINT column
        }
        if (filter.office() != null) {
            parameters.put("office", filter.office());
            conditions.add("c.officeLocation = :office");
            sql.add(SqlCondition.of("OFFICE_LOCATION = ?", filter.office()));
        }
        if (filter.invitationFailed() != null) {
            conditions.add(filter.invitationFailed() ? "c.invitationError IS NOT NULL" : "c.invitationError IS NULL");
            sql.add(SqlCondition.of(filter.invitationFailed() ? "INVITATION_ERROR IS NOT NULL" : "INVITATION_ERROR IS NULL"));
        }
        // the text's one word is the whole condition: its clients can be counted in CLIENT_TERM's index
        Optional<String> soleWord = conditions.size() == 1 && text.words().size() == 1 && text.reach() != Reach.PARTS
                ? Optional.of(text.words().get(0)) : Optional.empty();
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), sql, text.reach(),
                text.candidates(), text.patterns(), soleWord);
    }

    /** The WHERE clause of a filter within the actor's offices; the values go into {@code parameters}. */
    private Where scopedWhere(EntityManager em, ClientFilter filter, Map<String, Object> parameters) {
        Where where = where(filter, parameters, exact(em),
                (word, beginning, limit) -> ClientTerms.clientsWith(em, word, beginning, limit));
        return scope.actor().administrator() ? where : where.limitedTo(scope.within(where.clause(), parameters),
                SqlCondition.in("OFFICE_LOCATION", List.copyOf(scope.actor().offices())));
    }

    /** {@link ExactMatches} in this transaction: one indexed query each for taxpayers, spouses and client IDs. */
    private ExactMatches exact(EntityManager em) {
        return (digits, q) -> {
            String hash = taxIds.searchHash(digits);
            List<Long> pks = new ArrayList<>();
            pks.addAll(em.createQuery("SELECT c.pk FROM ClientEntity c WHERE c.taxpayer.taxIdHash = :hash", Long.class)
                    .setParameter("hash", hash).getResultList());
            pks.addAll(em.createQuery("SELECT c.pk FROM ClientEntity c WHERE c.spouse.taxIdHash = :hash", Long.class)
                    .setParameter("hash", hash).getResultList());
            pks.addAll(em.createQuery("SELECT c.pk FROM ClientEntity c WHERE c.clientIdKey = :key", Long.class)
                    .setParameter("key", ClientRules.clientIdKey(q)).getResultList());
            return pks.stream().distinct().toList();
        };
    }

    /** The column a sort field orders by; every one of them is NOT NULL. */
    static String sortPath(SortField sort) {
        return switch (sort) {
            case CLIENT_ID -> "c.clientIdKey";
            case NAME -> "c.taxpayer.nameKey";
            case EMAIL -> "c.taxpayer.emailKey";
            case TYPE -> "c.type";
            case STATUS -> "c.status";
            case OFFICE_LOCATION -> "c.officeLocation";
            case CREATED_AT -> "c.createdAt";
            case UPDATED_AT -> "c.updatedAt";
        };
    }

    /** The CLIENT table's column of {@link #sortPath}. */
    static String sortColumn(SortField sort) {
        return switch (sort) {
            case CLIENT_ID -> "CLIENT_ID_KEY";
            case NAME -> "NAME_KEY";
            case EMAIL -> "EMAIL_KEY";
            case TYPE -> "CLIENT_TYPE";
            case STATUS -> "STATUS";
            case OFFICE_LOCATION -> "OFFICE_LOCATION";
            case CREATED_AT -> "CREATED_AT";
            case UPDATED_AT -> "UPDATED_AT";
        };
    }

    private static String orderBy(SortField sort, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        // client ID as the tie-breaker keeps pages stable; descending is ascending turned round, as an index
        // read backwards gives it
        return " ORDER BY " + sortPath(sort) + direction
                + (sort == SortField.CLIENT_ID ? "" : ", c.clientIdKey" + direction);
    }

    /**
     * The same order as {@link #orderBy} for rows of {@code [pk, sort value, client ID key]}. Strings compare
     * by UTF-16 unit as Derby's UCS_BASIC compares by code point (the same outside rare surrogate pairs);
     * enums by their stored name.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object[]> rowOrder(boolean descending) {
        Comparator<Object[]> bySortValue = Comparator.comparing(row -> {
            Object value = row[1];
            return (Comparable) (value instanceof Enum<?> e ? e.name() : value);
        });
        Comparator<Object[]> ascending = bySortValue.thenComparing(row -> (String) row[2]);
        return descending ? ascending.reversed() : ascending;
    }
}
