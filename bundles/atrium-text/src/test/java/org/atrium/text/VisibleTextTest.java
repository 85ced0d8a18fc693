package org.atrium.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VisibleTextTest {

    @Test
    void invisibleCharactersAreWrittenOut() {
        assertEquals("Client ID<U+200B>", VisibleText.of("Client ID\u200B"));
        assertEquals("A<U+0000>B", VisibleText.of("A\u0000B"));
        assertEquals("<U+FEFF>Client Type", VisibleText.of("\uFEFFClient Type"));
        assertEquals("Client<U+00A0>ID", VisibleText.of("Client\u00A0ID"));
        assertEquals("line<U+000A>break", VisibleText.of("line\nbreak"));
    }

    @Test
    void visibleTextIsLeftAsItIs() {
        assertEquals("Ann Smith-Jones, José 😀", VisibleText.of("Ann Smith-Jones, José 😀"));
    }
}
