package org.atrium.registry.internal.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.atrium.registry.internal.SearchWords;

/**
 * What a search's text asks of a client, as a search box that searches while one types: every word of the
 * query (see {@link SearchWords}) is one of the client's words, and the last one may be its beginning ("smi"
 * finds Smith, "smith a" Ann Smith, "ann.smith@example.com" that address and no other, "123" C-000123). A
 * word that no client has (or, the last, begins) is looked for inside words instead ("mith" finds Smith), so
 * that every search that found a client before words were indexed still does.
 * <p>
 * The conditions alone decide what matches (one LIKE per word on SEARCH_TEXT); {@link #candidates} only
 * narrows which rows are read: the clients of the word with the fewest, read from CLIENT_TERM's index.
 *
 * @param words the query's words, each once
 * @param conditions JPQL conditions on {@code c}, all to hold
 * @param patterns the conditions' LIKE patterns on SEARCH_TEXT, in the same order
 * @param reach how many rows the conditions may have to read
 * @param candidates every client that can match, when few ({@link Reach#FEW}); else empty
 */
record TextMatch(List<String> words, List<String> conditions, List<String> patterns, Reach reach,
        List<Long> candidates) {

    /** No text. */
    static final TextMatch NONE = new TextMatch(List.of(), List.of(), List.of(), Reach.NONE, List.of());

    /** A word's clients read at most, to find the query's rarest word; more and the word is common. */
    static final int MAX_CANDIDATES = 2_000;

    enum Reach {
        /** No text. */
        NONE,
        /**
         * At most {@link #MAX_CANDIDATES} clients have one of the query's words, or the text was a tax ID or
         * client ID matched exactly through indexes.
         */
        FEW,
        /** Every word of the query is a word of many clients: matches are common, a page is soon full. */
        MANY,
        /** A word is looked for inside words: every row must be read (or, on PostgreSQL, its trigram index). */
        PARTS
    }

    /**
     * The clients with the word (or, {@code beginning}, a word that begins with it), read from the index: at
     * most {@code limit}, each once; a list of {@code limit} means "that many or more".
     */
    interface WordIndex {
        List<Long> clientsWith(String word, boolean beginning, int limit);
    }

    TextMatch {
        words = List.copyOf(words);
        conditions = List.copyOf(conditions);
        patterns = List.copyOf(patterns);
        candidates = List.copyOf(candidates);
    }

    /** Text matched exactly elsewhere (a tax ID or client ID): only these clients can match. */
    static TextMatch exactly(List<Long> clients) {
        return new TextMatch(List.of(), List.of(), List.of(), Reach.FEW, clients);
    }

    /** The match of {@code q}'s words; each word's LIKE pattern goes into {@code parameters}. */
    static TextMatch of(String q, Map<String, Object> parameters, WordIndex index) {
        List<String> words = SearchWords.of(q).stream().distinct().toList();
        List<String> conditions = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        List<Long> fewest = null;
        boolean insideWords = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean beginning = i == words.size() - 1;
            List<Long> clients = index.clientsWith(word, beginning, MAX_CANDIDATES + 1);
            String parameter = "word" + i;
            // words hold letters and digits only: nothing in them is a LIKE wildcard
            String pattern;
            if (clients.isEmpty()) {
                insideWords = true;
                pattern = "%" + word + "%";
            } else {
                pattern = "% " + word + (beginning ? "%" : " %");
                if (clients.size() <= MAX_CANDIDATES && (fewest == null || clients.size() < fewest.size())) {
                    fewest = clients;
                }
            }
            parameters.put(parameter, pattern);
            patterns.add(pattern);
            conditions.add("c.searchText LIKE :" + parameter);
        }
        if (fewest != null) {
            return new TextMatch(words, conditions, patterns, Reach.FEW, fewest);
        }
        Reach reach = words.isEmpty() ? Reach.NONE : insideWords ? Reach.PARTS : Reach.MANY;
        return new TextMatch(words, conditions, patterns, reach, List.of());
    }
}
