package org.atrium.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StaticFilesTest {

    @Test
    void theRootIsThePage() {
        assertEquals("/index.html", StaticFiles.find("/").orElseThrow().path());
        assertEquals("text/html; charset=UTF-8", StaticFiles.find("/").orElseThrow().contentType());
    }

    @Test
    void scriptsAreServedAsModulesAndChangeWithTheBundle() {
        StaticFiles.StaticFile main = StaticFiles.find("/js/main.js").orElseThrow();
        assertEquals("text/javascript; charset=UTF-8", main.contentType());
        assertFalse(main.immutable());
    }

    @Test
    void librariesCarryTheirVersionAndNeverChange() {
        assertTrue(StaticFiles.find("/lib/bootstrap/5.3.8/css/bootstrap.min.css").orElseThrow().immutable());
    }

    @Test
    void nothingOutsideTheWebFolderIsServed() {
        assertTrue(StaticFiles.find("/../org/atrium/web/internal/StaticFiles.class").isEmpty());
        assertTrue(StaticFiles.find("/js/../../META-INF/MANIFEST.MF").isEmpty());
        assertTrue(StaticFiles.find("/%2e%2e/index.html").isEmpty());
        assertTrue(StaticFiles.find("//index.html").isEmpty());
        assertTrue(StaticFiles.find("/js").isEmpty(), "a folder is not a file");
        assertTrue(StaticFiles.find("/js/nothing.js").isEmpty());
        assertTrue(StaticFiles.find("/index.html.bak").isEmpty(), "only known kinds of file");
    }
}
