package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SearchWordsTest {

    @Test
    void wordsAreRunsOfLettersAndDigitsInLowerCase() {
        assertEquals(List.of("ann", "smith", "jones", "ann", "smith", "example", "com"),
                SearchWords.of("Ann Smith-Jones <ann.smith@Example.COM>"));
        assertEquals(List.of("smith57"), SearchWords.of("smith57"));
        assertEquals(List.of("müller", "josé"), SearchWords.of("Müller, Jose\u0301"), "accents stay in their word");
        assertEquals(List.of("李小龙"), SearchWords.of("李小龙"));
        assertEquals(List.of(), SearchWords.of(" -@%_ "));
        assertEquals(List.of(), SearchWords.of(null));
    }

    @Test
    void aClientIsFoundByEachWordOnceAndByItsNumbersWithoutLeadingZeros() {
        assertEquals(Set.of("c", "000123", "123", "ann", "smith", "example", "com", "0"),
                SearchWords.terms("c-000123", "ann smith", "ann.smith@example.com", null, "0@example.com"));
        assertEquals(List.of("c", "000123", "123", "ann"), List.copyOf(SearchWords.terms("c-000123", "ann")),
                "in the order of the fields");
    }

    @Test
    void searchTextPutsEachWordBetweenSpaces() {
        assertEquals(" c 000123 123 ann ", SearchWords.text(SearchWords.terms("c-000123", "ann")));
    }

    @Test
    void searchTextStopsBeforeAWordThatWouldNotFit() {
        String text = SearchWords.text(SearchWords.terms("a".repeat(200), "b".repeat(200), "c".repeat(250),
                "d".repeat(200), "e".repeat(200)));
        assertTrue(text.length() <= SearchWords.MAX_TEXT, text.length() + " characters");
        assertTrue(text.endsWith(" " + "d".repeat(200) + " "), "whole words only");
    }

    @Test
    void aVeryLongWordIsKeptByItsBeginning() {
        Set<String> terms = SearchWords.terms("x".repeat(300) + "@example.com");
        assertTrue(terms.contains("x".repeat(SearchWords.MAX_TERM)));
    }

    @Test
    void theUpperBoundOfAPrefixIsItsLastCharacterPlusOne() {
        assertEquals("smiti", SearchWords.upperBound("smith"));
        assertEquals("5:", SearchWords.upperBound("59"));
        String word = "smith57";
        for (String longer : List.of("smith57", "smith570", "smith57zzz", "smith57\uffff", "smith57\ud83d\ude00")) {
            assertTrue(longer.compareTo(word) >= 0 && longer.compareTo(SearchWords.upperBound(word)) < 0, longer);
        }
        assertTrue("smith58".compareTo(SearchWords.upperBound(word)) >= 0);
    }
}
