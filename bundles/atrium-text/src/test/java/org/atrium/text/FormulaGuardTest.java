package org.atrium.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1 555 0100", "-2", "@SUM(A1)", "\t=cmd", "\r=cmd",
            "=HYPERLINK(\"http://evil.example\",\"Click\")"})
    void textThatWouldRunGetsAnApostrophe(String cell) {
        assertTrue(FormulaGuard.looksLikeFormula(cell));
        assertEquals("'" + cell, FormulaGuard.defuse(cell));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann Smith", "00042", "ann@example.com", "a=b", "1+1", " =1", "'=1"})
    void otherTextStaysAsItIs(String cell) {
        assertFalse(FormulaGuard.looksLikeFormula(cell));
        assertEquals(cell, FormulaGuard.defuse(cell));
    }

    @Test
    void nothingBecomesAnEmptyCell() {
        assertEquals("", FormulaGuard.defuse(null));
        assertEquals("", FormulaGuard.defuse(""));
        assertFalse(FormulaGuard.looksLikeFormula(null));
    }

    @Test
    void restoreUndoesDefuseAndNothingElse() {
        for (String cell : java.util.List.of("=SUM(A1)", "-00123", "+1 555", "@home", "Ann", "'quoted", "")) {
            org.junit.jupiter.api.Assertions.assertEquals(cell, FormulaGuard.restore(FormulaGuard.defuse(cell)), cell);
        }
        org.junit.jupiter.api.Assertions.assertEquals("'Ann", FormulaGuard.restore("'Ann"));
    }
}
